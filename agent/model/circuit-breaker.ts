/** Where a breaker is: letting calls through, refusing them, or letting one trial through. */
export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit; 5 by default. */
  failureThreshold?: number;
  /** Time the circuit stays open before it lets a trial call through; 30 s by default. */
  coolDownMs?: number;
  /** Milliseconds since the epoch; tests pin it. */
  clock?: () => number;
  /** Told of every change of state, e.g. to log it. */
  onStateChange?: (state: CircuitState) => void;
}

/**
 * Stops calling a failing service for a while. Closed, it counts consecutive failures
 * and opens at the threshold; open, it refuses calls until the cool-down has passed;
 * then half-open, it lets one trial call through, which closes it on success and
 * opens it again on failure. One breaker is shared by every call to the same service.
 */
export class CircuitBreaker {
  readonly #failureThreshold: number;
  readonly #coolDownMs: number;
  readonly #clock: () => number;
  readonly #onStateChange: ((state: CircuitState) => void) | undefined;
  #state: CircuitState = 'closed';
  #failures = 0;
  #openedAt = 0;
  #trialInFlight = false;

  constructor(options: CircuitBreakerOptions = {}) {
    this.#failureThreshold = Math.max(1, options.failureThreshold ?? 5);
    this.#coolDownMs = Math.max(0, options.coolDownMs ?? 30_000);
    this.#clock = options.clock ?? Date.now;
    this.#onStateChange = options.onStateChange;
  }

  /** The current state; an open circuit whose cool-down has passed reads as half-open. */
  get state(): CircuitState {
    if (this.#state === 'open' && this.#clock() - this.#openedAt >= this.#coolDownMs) {
      this.#moveTo('half-open');
    }
    return this.#state;
  }

  /**
   * Whether a call may go out now. A true answer in the half-open state reserves the
   * single trial call, so the caller must report how it went (or `release` it).
   */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.#trialInFlight) return false;

    this.#trialInFlight = true;
    return true;
  }

  /** The call succeeded: the service works, so the circuit closes. */
  recordSuccess(): void {
    this.#trialInFlight = false;
    this.#failures = 0;
    if (this.#state !== 'closed') this.#moveTo('closed');
  }

  /** The call failed in a way that says the service is unhealthy. */
  recordFailure(): void {
    this.#trialInFlight = false;
    this.#failures += 1;
    if (this.#state === 'half-open' || this.#failures >= this.#failureThreshold) this.#open();
  }

  /** The call ended without telling anything about the service, e.g. it was cancelled. */
  release(): void {
    this.#trialInFlight = false;
  }

  #open(): void {
    this.#openedAt = this.#clock();
    this.#moveTo('open');
  }

  #moveTo(state: CircuitState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#onStateChange?.(state);
  }
}
