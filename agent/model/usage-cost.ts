import { AIMessage, type BaseMessage, type UsageMetadata } from '@langchain/core/messages';

/** A model's price per million tokens. */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
  /** Input tokens served from the provider's prompt cache; the input price when absent. */
  cachedInputPerMillion?: number;
}

/** Prices in one currency, by model name; a dated snapshot name matches its base name. */
export interface PriceTable {
  currency: string;
  models: Record<string, ModelPrice>;
}

/**
 * Published list prices in US dollars, as of 2025, for a few well-known models. They are
 * estimates: providers change prices, and contracts, regions and tiers differ. Pass your
 * own table to `estimateTurnCost` to override them.
 */
// Limitation: prices are a hand-kept snapshot; they go stale and ignore tiered and regional rates.
export const DEFAULT_PRICES: PriceTable = {
  currency: 'USD',
  models: {
    'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10, cachedInputPerMillion: 1.25 },
    'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6, cachedInputPerMillion: 0.075 },
    'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8, cachedInputPerMillion: 0.5 },
    'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6, cachedInputPerMillion: 0.1 },
    'gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4, cachedInputPerMillion: 0.025 },
    'deepseek-chat': {
      inputPerMillion: 0.28,
      outputPerMillion: 0.42,
      cachedInputPerMillion: 0.028,
    },
    'deepseek-reasoner': {
      inputPerMillion: 0.28,
      outputPerMillion: 0.42,
      cachedInputPerMillion: 0.028,
    },
    'qwen-turbo': { inputPerMillion: 0.05, outputPerMillion: 0.2 },
    'qwen-plus': { inputPerMillion: 0.4, outputPerMillion: 1.2 },
    'qwen-max': { inputPerMillion: 1.6, outputPerMillion: 6.4 },
  },
};

/** One model call of a turn: which model answered and the tokens it reported. */
export interface ModelCall {
  model: string;
  usage: UsageMetadata | undefined;
}

/** Tokens and estimated cost of one agent turn. */
export interface TurnCost {
  inputTokens: number;
  outputTokens: number;
  /** Part of `inputTokens` served from the prompt cache. */
  cachedInputTokens: number;
  currency: string;
  /** `unknown` when a call's model has no price or a call reported no usage. */
  cost: number | 'unknown';
  /** Models that answered but are not in the price table. */
  unpricedModels: string[];
}

export interface TurnCostOptions {
  calls: ModelCall[];
  /** Replaces the default prices; spread `DEFAULT_PRICES.models` into it to extend them. */
  prices?: PriceTable;
}

/** Adds up a turn's token usage and estimates what it cost. */
export function estimateTurnCost(options: TurnCostOptions): TurnCost {
  const prices = options.prices ?? DEFAULT_PRICES;
  const total: TurnCost = {
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    currency: prices.currency,
    cost: 0,
    unpricedModels: [],
  };

  for (const call of options.calls) {
    const tokens = tokensOf(call.usage);
    total.inputTokens += tokens.input;
    total.outputTokens += tokens.output;
    total.cachedInputTokens += tokens.cachedInput;

    const price = priceOf(call.model, prices);
    if (price === undefined && !total.unpricedModels.includes(call.model)) {
      total.unpricedModels.push(call.model);
    }
    total.cost =
      price === undefined || call.usage === undefined || total.cost === 'unknown'
        ? 'unknown'
        : total.cost + callCost(tokens, price);
  }

  if (total.cost !== 'unknown') total.cost = Math.round(total.cost * 1e8) / 1e8;
  return total;
}

/** The model calls behind a turn's AI messages, named as the provider reported them. */
export function modelCallsIn(messages: BaseMessage[], defaultModel = 'unknown'): ModelCall[] {
  return messages
    .filter((message) => AIMessage.isInstance(message))
    .map((message) => {
      const reported: unknown = message.response_metadata?.model_name;
      const model = typeof reported === 'string' && reported !== '' ? reported : defaultModel;
      return { model, usage: message.usage_metadata };
    });
}

interface CallTokens {
  input: number;
  output: number;
  cachedInput: number;
}

function tokensOf(usage: UsageMetadata | undefined): CallTokens {
  const input = usage?.input_tokens ?? 0;
  const cachedInput = Math.min(input, usage?.input_token_details?.cache_read ?? 0);
  return { input, output: usage?.output_tokens ?? 0, cachedInput };
}

function callCost(tokens: CallTokens, price: ModelPrice): number {
  const cachedPrice = price.cachedInputPerMillion ?? price.inputPerMillion;
  const uncached = tokens.input - tokens.cachedInput;
  return (
    (uncached * price.inputPerMillion +
      tokens.cachedInput * cachedPrice +
      tokens.output * price.outputPerMillion) /
    1_000_000
  );
}

/** The price of a model, or of the base model a dated snapshot belongs to (longest match). */
function priceOf(model: string, prices: PriceTable): ModelPrice | undefined {
  const name = model.toLowerCase();
  const [match] = Object.keys(prices.models)
    .filter((key) => name === key.toLowerCase() || name.startsWith(`${key.toLowerCase()}-`))
    .sort((left, right) => right.length - left.length);
  return match === undefined ? undefined : prices.models[match];
}
