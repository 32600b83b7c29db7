/**
 * Errors by who is at fault. Each has a stable `code` that clients and logs can rely
 * on, and a message that says what to do about it.
 */

/** Who caused an error; decides how it is reported and whether a retry can help. */
export type Fault = 'user' | 'configuration' | 'remote' | 'model' | 'system';

export interface DealwiseErrorOptions {
  code: string;
  message: string;
  cause?: unknown;
  /** Extra facts for the client, e.g. which field was wrong. */
  details?: Record<string, unknown>;
}

/** Base of every error Dealwise raises on purpose. */
export abstract class DealwiseError extends Error {
  abstract readonly fault: Fault;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(options: DealwiseErrorOptions) {
    super(options.message, { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.details = options.details;
  }
}

/** The caller sent something we cannot accept: fix the input and try again. */
export class InputError extends DealwiseError {
  readonly fault = 'user';
}

/** The caller is not authenticated: a missing, wrong or revoked key. */
export class AuthenticationError extends DealwiseError {
  readonly fault = 'user';
}

/** The caller is known but may not do or see this. */
export class ForbiddenError extends DealwiseError {
  readonly fault = 'user';
}

/** The thing asked for does not exist for this caller (or is not theirs to know about). */
export class NotFoundError extends DealwiseError {
  readonly fault = 'user';
}

/** The caller asked for more at once than Dealwise allows: wait for some of it to finish. */
export class TooManyRequestsError extends DealwiseError {
  readonly fault = 'user';
}

/** Dealwise is set up wrong: an environment variable, a file, a missing extension. */
export class ConfigurationError extends DealwiseError {
  readonly fault = 'configuration';
}

/** A service we depend on failed: a model provider, a chat platform, the database. */
export class RemoteServiceError extends DealwiseError {
  readonly fault = 'remote';
}

/** The model answered with something unusable: bad tool arguments, an empty reply. */
export class ModelError extends DealwiseError {
  readonly fault = 'model';
}
