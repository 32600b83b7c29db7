import { APIConnectionError, APIError } from 'openai';
import { RemoteServiceError } from '../../lib/errors.ts';
import { isTransientProviderError } from '../../lib/with-retries.ts';

/** The code of the error a model call fails with when its model's circuit is open. */
export const CIRCUIT_OPEN_CODE = 'model_circuit_open';
/** The code of the error a call fails with when no model answered; fall back to offline. */
export const MODEL_UNAVAILABLE_CODE = 'model_unavailable';
/** The code of the error a stream ends with when its model fails mid-answer. */
export const STREAM_INTERRUPTED_CODE = 'model_stream_interrupted';

/** One model that could not answer, for the final error and the logs. */
export interface ModelFailure {
  model: string;
  /** HTTP status, when the provider answered. */
  status: number | undefined;
  reason: string;
}

/** Whether an error means the provider could not serve the call, so another model may. */
export function isProviderFailure(error: unknown): boolean {
  if (error instanceof RemoteServiceError) return error.code === CIRCUIT_OPEN_CODE;
  return error instanceof APIError || isTransientProviderError(error);
}

/** Thrown instead of calling a model whose circuit is open. */
export function circuitOpenError(model: string): RemoteServiceError {
  return new RemoteServiceError({
    code: CIRCUIT_OPEN_CODE,
    message: `The model ${model} failed repeatedly and is paused until its cool-down ends.`,
    details: { model },
  });
}

/** What went wrong with one model, in a few words. */
export function describeFailure(model: string, error: unknown): ModelFailure {
  const status = error instanceof APIError ? error.status : undefined;
  return { model, status, reason: failureReason(error) };
}

function failureReason(error: unknown): string {
  if (error instanceof RemoteServiceError && error.code === CIRCUIT_OPEN_CODE) {
    return 'paused after repeated failures';
  }
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  if (error instanceof APIConnectionError) return 'could not connect';
  if (error instanceof APIError && error.status !== undefined) return `HTTP ${error.status}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The error a call ends with when no model answered. Callers catch its code,
 * `model_unavailable`, to fall back to the offline model.
 */
export function modelUnavailableError(
  failures: ModelFailure[],
  cause: unknown,
): RemoteServiceError {
  const summary = failures.map((failure) => `${failure.model}: ${failure.reason}`).join('; ');
  return new RemoteServiceError({
    code: MODEL_UNAVAILABLE_CODE,
    message: `No chat model answered (${summary}); ${hintFor(failures.at(-1)?.status)}.`,
    cause,
    details: { failures },
  });
}

/** The error a stream ends with when its model fails after some of the answer was sent. */
export function streamInterruptedError(model: string, cause: unknown): RemoteServiceError {
  return new RemoteServiceError({
    code: STREAM_INTERRUPTED_CODE,
    message:
      `The model ${model} stopped in the middle of its answer (${failureReason(cause)}); ` +
      'discard the partial answer and ask again.',
    cause,
    details: { model },
  });
}

function hintFor(status: number | undefined): string {
  if (status === 401 || status === 403) {
    return 'check that OPENAI_API_KEY is valid for OPENAI_BASE_URL';
  }
  if (status === 404) {
    return 'check that DEALWISE_MODEL and DEALWISE_FALLBACK_MODEL exist at OPENAI_BASE_URL';
  }
  if (status === 429) return 'the provider is rate-limiting or out of quota; check the account';
  if (status !== undefined && status >= 400 && status < 500) {
    return 'the provider rejected the request; check the model names and the conversation size';
  }
  return (
    'the provider is down, slow or unreachable; check OPENAI_BASE_URL and the network, ' +
    'or raise MODEL_TIMEOUT_SECONDS'
  );
}
