import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitState } from './circuit-breaker.ts';

function createBreaker(options: { failureThreshold?: number } = {}) {
  const clock = { now: 0 };
  const changes: CircuitState[] = [];
  const breaker = new CircuitBreaker({
    ...options,
    clock: () => clock.now,
    onStateChange: (state) => changes.push(state),
  });
  return { breaker, clock, changes };
}

function fail(breaker: CircuitBreaker, times: number): void {
  for (let count = 0; count < times; count += 1) {
    breaker.tryAcquire();
    breaker.recordFailure();
  }
}

describe('CircuitBreaker', () => {
  it('stays closed below five consecutive failures', () => {
    const { breaker } = createBreaker();

    fail(breaker, 4);

    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('opens after five consecutive failures and refuses calls', () => {
    const { breaker } = createBreaker();

    fail(breaker, 5);

    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('starts counting again after a success', () => {
    const { breaker } = createBreaker({ failureThreshold: 2 });

    fail(breaker, 1);
    breaker.recordSuccess();
    fail(breaker, 1);

    expect(breaker.state).toBe('closed');
  });

  it('turns half-open once the 30 s cool-down has passed', () => {
    const { breaker, clock } = createBreaker({ failureThreshold: 1 });
    fail(breaker, 1);

    clock.now += 29_999;
    const beforeCoolDown = breaker.state;
    clock.now += 1;

    expect(beforeCoolDown).toBe('open');
    expect(breaker.state).toBe('half-open');
  });

  it('lets a single trial call through while half-open', () => {
    const { breaker, clock } = createBreaker({ failureThreshold: 1 });
    fail(breaker, 1);
    clock.now += 30_000;

    expect([breaker.tryAcquire(), breaker.tryAcquire()]).toEqual([true, false]);
  });

  it('closes when the trial call succeeds', () => {
    const { breaker, clock, changes } = createBreaker({ failureThreshold: 1 });
    fail(breaker, 1);
    clock.now += 30_000;

    breaker.tryAcquire();
    breaker.recordSuccess();

    expect(breaker.state).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('opens again for a full cool-down when the trial call fails', () => {
    const { breaker, clock } = createBreaker({ failureThreshold: 3 });
    fail(breaker, 3);
    clock.now += 30_000;

    fail(breaker, 1);
    clock.now += 29_999;

    expect(breaker.state).toBe('open');
  });

  it('frees the trial slot when a trial call is released without a verdict', () => {
    const { breaker, clock } = createBreaker({ failureThreshold: 1 });
    fail(breaker, 1);
    clock.now += 30_000;

    breaker.tryAcquire();
    breaker.release();

    expect(breaker.tryAcquire()).toBe(true);
  });
});
