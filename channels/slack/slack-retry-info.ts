import { type HeaderSource, readHeader } from '../read-header.ts';

/** What Slack says about a redelivered Events API request. */
export interface SlackRetryInfo {
  /** 1 for the first redelivery, counting up. */
  retryNumber: number;
  /** Slack's reason, e.g. `http_timeout` or `http_error`, when it gives one. */
  reason: string | undefined;
}

/**
 * Reads `X-Slack-Retry-Num` and `X-Slack-Retry-Reason`; `undefined` means a first delivery (or a
 * retry number that is not a whole number, which Slack does not send).
 */
export function slackRetryInfo(headers: HeaderSource): SlackRetryInfo | undefined {
  const retryNumber = readHeader(headers, 'x-slack-retry-num');
  if (retryNumber === undefined || !/^\d{1,6}$/.test(retryNumber)) return undefined;

  return {
    retryNumber: Number(retryNumber),
    reason: readHeader(headers, 'x-slack-retry-reason'),
  };
}
