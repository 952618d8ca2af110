import { pricingForModel, type ModelPricing } from './model-pricing';

export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';

export interface LlmPlannerOptions {
  readonly apiKey: string;
  /** Any OpenAI-compatible endpoint (OpenAI, Azure, Ollama, vLLM, LM Studio). Default: OpenAI. */
  readonly baseURL?: string;
  readonly model: string;
  /** Per HTTP attempt. Default 60 000. */
  readonly timeoutMs?: number;
  /** Retries of one call by the SDK (429, 5xx, timeouts, connection errors), with backoff. Default 3. */
  readonly maxRetries?: number;
  /** Follow-up calls that send validation problems back for a corrected answer, per conversation. Default 2. */
  readonly maxRepairs?: number;
  /** Default: by model name from `MODEL_PRICING`, else `FALLBACK_MODEL_PRICING`. */
  readonly pricing?: ModelPricing;
  /** Briefs longer than this are planned as an outline and then one call per feature. Default 12 000. */
  readonly longBriefChars?: number;
  /** Feature calls of a long brief in flight at once. Default 3. */
  readonly featureConcurrency?: number;
}

export type ResolvedLlmPlannerOptions = Required<LlmPlannerOptions>;

export const LLM_PLANNER_DEFAULTS = {
  timeoutMs: 60_000,
  maxRetries: 3,
  maxRepairs: 2,
  longBriefChars: 12_000,
  featureConcurrency: 3,
} as const;

function wholeNumber(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`LlmPlanner option ${name} must be a whole number >= ${min}, got ${value}`);
  }
  return value;
}

function price(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`LlmPlanner option pricing.${name} must be a non-negative number of USD`);
  }
  return value;
}

/** Fills in the defaults; throws an error naming the option that is missing or wrong. */
export function resolveLlmPlannerOptions(options: LlmPlannerOptions): ResolvedLlmPlannerOptions {
  if (options.apiKey.trim() === '') throw new Error('LlmPlanner option apiKey is empty');
  if (options.model.trim() === '') throw new Error('LlmPlanner option model is empty');
  const baseURL = (options.baseURL ?? DEFAULT_OPENAI_BASE_URL).trim();
  if (!/^https?:\/\//i.test(baseURL)) {
    throw new Error(`LlmPlanner option baseURL must be an http(s) URL, got "${baseURL}"`);
  }
  const pricing = options.pricing ?? pricingForModel(options.model);
  return {
    apiKey: options.apiKey,
    baseURL,
    model: options.model.trim(),
    timeoutMs: wholeNumber('timeoutMs', options.timeoutMs ?? LLM_PLANNER_DEFAULTS.timeoutMs, 1),
    maxRetries: wholeNumber('maxRetries', options.maxRetries ?? LLM_PLANNER_DEFAULTS.maxRetries, 0),
    maxRepairs: wholeNumber('maxRepairs', options.maxRepairs ?? LLM_PLANNER_DEFAULTS.maxRepairs, 0),
    pricing: {
      inputPerMillionUsd: price('inputPerMillionUsd', pricing.inputPerMillionUsd),
      outputPerMillionUsd: price('outputPerMillionUsd', pricing.outputPerMillionUsd),
    },
    longBriefChars: wholeNumber(
      'longBriefChars',
      options.longBriefChars ?? LLM_PLANNER_DEFAULTS.longBriefChars,
      1,
    ),
    featureConcurrency: wholeNumber(
      'featureConcurrency',
      options.featureConcurrency ?? LLM_PLANNER_DEFAULTS.featureConcurrency,
      1,
    ),
  };
}
