import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  AuthenticationError,
  ConfigurationError,
  DealwiseError,
  ForbiddenError,
  InputError,
  ModelError,
  NotFoundError,
  RemoteServiceError,
  TooManyRequestsError,
} from '../lib/errors.ts';

/** An RFC 9457 problem document, the body of every error response. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId?: string;
  [extension: string]: unknown;
}

const PROBLEM_BASE = 'https://dealwise.dev/problems/';

const STATUS_BY_ERROR: [new (...args: never[]) => DealwiseError, ContentfulStatusCode][] = [
  [InputError, 400],
  [AuthenticationError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [TooManyRequestsError, 429],
  [ConfigurationError, 500],
  [RemoteServiceError, 502],
  [ModelError, 502],
];

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
};

/** Turns any thrown value into a problem document and the status to send it with. */
export function toProblem(
  error: unknown,
  requestId?: string,
): { status: ContentfulStatusCode; problem: Problem } {
  if (error instanceof DealwiseError) {
    const status = STATUS_BY_ERROR.find(([type]) => error instanceof type)?.[1] ?? 500;
    return {
      status,
      problem: problem({
        status,
        code: error.code,
        detail: error.message,
        requestId,
        ...error.details,
      }),
    };
  }

  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const detail = error.message || TITLES[status] || 'The request failed.';
    return { status, problem: problem({ status, code: `http_${status}`, detail, requestId }) };
  }

  return {
    status: 500,
    problem: problem({
      status: 500,
      code: 'internal_error',
      detail: 'Something went wrong on our side; the request id identifies it in our logs.',
      requestId,
    }),
  };
}

/** Builds a problem document with the stable `type` derived from its code. */
export function problem(fields: {
  status: number;
  code: string;
  detail: string;
  requestId?: string | undefined;
  [extension: string]: unknown;
}): Problem {
  const { status, code, detail, requestId, ...extensions } = fields;
  return {
    type: `${PROBLEM_BASE}${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(requestId ? { requestId } : {}),
    ...extensions,
  };
}

/** Sends a problem document as `application/problem+json`. */
export function sendProblem(
  context: Context,
  status: ContentfulStatusCode,
  body: Problem,
): Response {
  return context.body(JSON.stringify(body), status, {
    'content-type': 'application/problem+json; charset=utf-8',
  });
}
