/** US dollars per million tokens. */
export interface ModelPricing {
  readonly inputPerMillionUsd: number;
  readonly outputPerMillionUsd: number;
}

/**
 * List prices of common OpenAI models (standard tier, USD per 1M tokens).
 * Matched by the longest prefix of the model name, so dated snapshots such
 * as `gpt-4o-2024-08-06` find their family. Prices change: pass `pricing`
 * to the planner to override.
 */
export const MODEL_PRICING: Readonly<Record<string, ModelPricing>> = {
  'gpt-5': { inputPerMillionUsd: 1.25, outputPerMillionUsd: 10 },
  'gpt-5-mini': { inputPerMillionUsd: 0.25, outputPerMillionUsd: 2 },
  'gpt-5-nano': { inputPerMillionUsd: 0.05, outputPerMillionUsd: 0.4 },
  'gpt-4.1': { inputPerMillionUsd: 2, outputPerMillionUsd: 8 },
  'gpt-4.1-mini': { inputPerMillionUsd: 0.4, outputPerMillionUsd: 1.6 },
  'gpt-4.1-nano': { inputPerMillionUsd: 0.1, outputPerMillionUsd: 0.4 },
  'gpt-4o': { inputPerMillionUsd: 2.5, outputPerMillionUsd: 10 },
  'gpt-4o-mini': { inputPerMillionUsd: 0.15, outputPerMillionUsd: 0.6 },
  o1: { inputPerMillionUsd: 15, outputPerMillionUsd: 60 },
  o3: { inputPerMillionUsd: 2, outputPerMillionUsd: 8 },
  'o3-mini': { inputPerMillionUsd: 1.1, outputPerMillionUsd: 4.4 },
  'o4-mini': { inputPerMillionUsd: 1.1, outputPerMillionUsd: 4.4 },
};

/**
 * The table entry whose name is the longest prefix of `model` (a provider
 * prefix such as `openai/` ignored), or null for a model the table does not
 * know (a self-hosted or newer model): its cost is then unknown, never a
 * guess. Set the price explicitly (`pricing`, LLM_PRICE_* variables) to count it.
 */
export function pricingForModel(model: string): ModelPricing | null {
  const name = model
    .trim()
    .toLowerCase()
    .replace(/^[\w.-]+\//, '');
  let best: string | undefined;
  for (const prefix of Object.keys(MODEL_PRICING)) {
    const matches = name === prefix || name.startsWith(`${prefix}-`);
    if (matches && (best === undefined || prefix.length > best.length)) best = prefix;
  }
  return best === undefined ? null : MODEL_PRICING[best];
}

/** Dollars per million tokens are micro-dollars per token; null when the price is unknown. */
export function costMicroUsd(
  pricing: ModelPricing | null,
  tokensIn: number,
  tokensOut: number,
): number | null {
  if (pricing === null) return null;
  return Math.round(
    tokensIn * pricing.inputPerMillionUsd + tokensOut * pricing.outputPerMillionUsd,
  );
}
