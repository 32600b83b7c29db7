import type { Expectation } from '../suite-format.ts';
import type { CheckResult, TurnObservation } from './turn-observation.ts';

// Limitation: steps are counted as tool calls; the model calls between them are not seen.
/**
 * Checks the turn against the case's limits: tool-call steps, latency (when measured) and
 * tokens (prompt + completion). Undefined when the case sets none that can be checked.
 */
export function checkLimits(
  expectation: Pick<Expectation, 'maxSteps' | 'maxLatencyMs' | 'maxTokens'>,
  observation: TurnObservation,
): CheckResult | undefined {
  const { result, latencyMs } = observation;
  const measured: { name: string; value: number; limit: number | undefined }[] = [
    { name: 'steps', value: result.toolCalls.length, limit: expectation.maxSteps },
    { name: 'latency ms', value: latencyMs ?? Number.NaN, limit: expectation.maxLatencyMs },
    {
      name: 'tokens',
      value: result.usage.promptTokens + result.usage.completionTokens,
      limit: expectation.maxTokens,
    },
  ];
  const applicable = measured.filter(
    (item) => item.limit !== undefined && !Number.isNaN(item.value),
  );
  if (applicable.length === 0) return undefined;

  const over = applicable.filter((item) => item.value > (item.limit as number));
  const shown = applicable.map((item) => `${item.name} ${Math.round(item.value)}/${item.limit}`);
  const problem = over.length
    ? [`over the limit: ${over.map((item) => item.name).join(', ')}`]
    : [];
  return { check: 'limits', passed: over.length === 0, detail: [...problem, ...shown].join('; ') };
}
