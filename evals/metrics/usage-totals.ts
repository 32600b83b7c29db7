import type { TurnResult } from '../../agent/turn-events.ts';

/** Tokens and cost summed over turns. */
export interface UsageTotals {
  turns: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Cost of the turns whose cost is known, in the price table's currency. */
  cost: number;
  /** Turns whose model has no known price; their cost is not in `cost`. */
  turnsWithUnknownCost: number;
}

/** Sums tokens and cost over the turns' usage. */
export function usageTotals(usages: readonly TurnResult['usage'][]): UsageTotals {
  const totals: UsageTotals = {
    turns: usages.length,
    promptTokens: 0,
    completionTokens: 0,
    totalTokens: 0,
    cost: 0,
    turnsWithUnknownCost: 0,
  };
  for (const usage of usages) {
    totals.promptTokens += usage.promptTokens;
    totals.completionTokens += usage.completionTokens;
    if (usage.cost === 'unknown') totals.turnsWithUnknownCost += 1;
    else totals.cost += usage.cost;
  }
  totals.totalTokens = totals.promptTokens + totals.completionTokens;
  return totals;
}

/** An estimated cost as the reports write it: `$0.0123`. */
export function formatCost(cost: number): string {
  return `$${cost.toFixed(4)}`;
}

/** Usage in a few words: "1,234 tokens, $0.0123", noting calls whose cost is unknown. */
export function describeUsage(totals: UsageTotals): string {
  const unknown =
    totals.turnsWithUnknownCost > 0 ? ` (+${totals.turnsWithUnknownCost} unpriced)` : '';
  const tokens = totals.totalTokens.toLocaleString('en-US');
  return `${tokens} tokens, ${formatCost(totals.cost)}${unknown}`;
}
