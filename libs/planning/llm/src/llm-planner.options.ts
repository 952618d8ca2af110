import { pricingForModel, type ModelPricing } from './model-pricing';
import { contextTokensForModel } from './context-budget';

export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** How answers are constrained: `auto` tries json_schema, then json_object, then the prompt alone. */
export const RESPONSE_FORMATS = ['auto', 'json_schema', 'json_object', 'prompt'] as const;
export type ResponseFormatSetting = (typeof RESPONSE_FORMATS)[number];

/** Where the planner writes its one line per run and per model call (pino's argument order). */
export interface PlannerLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface LlmPlannerOptions {
  readonly apiKey: string;
  /** Any OpenAI-compatible endpoint (OpenAI, Azure, Ollama, vLLM, LM Studio, llama.cpp). Default: OpenAI. */
  readonly baseURL?: string;
  readonly model: string;
  /**
   * Longest wait for the first token of an answer: the time a busy
   * single-slot server keeps the request queued and the prompt processing
   * count here, never against the gap timeout. Default 600 000.
   */
  readonly firstTokenTimeoutMs?: number;
  /** Longest silence between two streamed tokens once the answer has started. Default 60 000. */
  readonly tokenGapTimeoutMs?: number;
  /** Retries of one call (429, 5xx, connection errors, timeouts), with backoff. Default 2. */
  readonly maxRetries?: number;
  /** Follow-up calls that send validation problems back for a correction, per conversation. Default 2. */
  readonly maxRepairs?: number;
  /**
   * USD per million tokens. Default: by model name from `MODEL_PRICING`;
   * a model the table does not know has an unknown cost (null), never a guess.
   */
  readonly pricing?: ModelPricing | null;
  /** Briefs longer than this are planned as an outline and then one call per feature. Default 12 000. */
  readonly longBriefChars?: number;
  /** Feature calls of a long brief in flight at once (1 for a single-slot local server). Default 3. */
  readonly featureConcurrency?: number;
  /** The model's context window in tokens (prompt + answer). Default: 128 000 for OpenAI models, else 8 192. */
  readonly contextTokens?: number;
  /** Upper bound of `max_tokens` of one answer. Default 16 384. */
  readonly maxOutputTokens?: number;
  /** Default `auto`: json_schema, falling back to json_object, then the prompt alone, on a 400. */
  readonly responseFormat?: ResponseFormatSetting;
  /** Cut-off answers continued from their last complete task, per conversation. Default 3. */
  readonly maxContinuations?: number;
  /**
   * When the LLM path fails (endpoint or answers), plan with the offline
   * planner instead; the result says it is a fallback and why. Default false.
   */
  readonly offlineFallback?: boolean;
  readonly log?: PlannerLog;
}

export interface ResolvedLlmPlannerOptions {
  readonly apiKey: string;
  readonly baseURL: string;
  readonly model: string;
  readonly firstTokenTimeoutMs: number;
  readonly tokenGapTimeoutMs: number;
  readonly maxRetries: number;
  readonly maxRepairs: number;
  readonly pricing: ModelPricing | null;
  readonly longBriefChars: number;
  readonly featureConcurrency: number;
  readonly contextTokens: number;
  readonly maxOutputTokens: number;
  readonly responseFormat: ResponseFormatSetting;
  readonly maxContinuations: number;
  readonly offlineFallback: boolean;
  readonly log?: PlannerLog;
}

export const LLM_PLANNER_DEFAULTS = {
  firstTokenTimeoutMs: 600_000,
  tokenGapTimeoutMs: 60_000,
  maxRetries: 2,
  maxRepairs: 2,
  longBriefChars: 12_000,
  featureConcurrency: 3,
  maxOutputTokens: 16_384,
  responseFormat: 'auto',
  maxContinuations: 3,
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
  const model = options.model.trim();
  const pricing = options.pricing === undefined ? pricingForModel(model) : options.pricing;
  const responseFormat = options.responseFormat ?? LLM_PLANNER_DEFAULTS.responseFormat;
  if (!RESPONSE_FORMATS.includes(responseFormat)) {
    throw new Error(
      `LlmPlanner option responseFormat must be one of ${RESPONSE_FORMATS.join(', ')}, got "${String(responseFormat)}"`,
    );
  }
  const d = LLM_PLANNER_DEFAULTS;
  return {
    apiKey: options.apiKey,
    baseURL,
    model,
    firstTokenTimeoutMs: wholeNumber(
      'firstTokenTimeoutMs',
      options.firstTokenTimeoutMs ?? d.firstTokenTimeoutMs,
      1,
    ),
    tokenGapTimeoutMs: wholeNumber(
      'tokenGapTimeoutMs',
      options.tokenGapTimeoutMs ?? d.tokenGapTimeoutMs,
      1,
    ),
    maxRetries: wholeNumber('maxRetries', options.maxRetries ?? d.maxRetries, 0),
    maxRepairs: wholeNumber('maxRepairs', options.maxRepairs ?? d.maxRepairs, 0),
    pricing:
      pricing === null
        ? null
        : {
            inputPerMillionUsd: price('inputPerMillionUsd', pricing.inputPerMillionUsd),
            outputPerMillionUsd: price('outputPerMillionUsd', pricing.outputPerMillionUsd),
          },
    longBriefChars: wholeNumber('longBriefChars', options.longBriefChars ?? d.longBriefChars, 1),
    featureConcurrency: wholeNumber(
      'featureConcurrency',
      options.featureConcurrency ?? d.featureConcurrency,
      1,
    ),
    contextTokens: wholeNumber(
      'contextTokens',
      options.contextTokens ?? contextTokensForModel(model),
      1_024,
    ),
    maxOutputTokens: wholeNumber(
      'maxOutputTokens',
      options.maxOutputTokens ?? d.maxOutputTokens,
      256,
    ),
    responseFormat,
    maxContinuations: wholeNumber(
      'maxContinuations',
      options.maxContinuations ?? d.maxContinuations,
      0,
    ),
    offlineFallback: options.offlineFallback ?? false,
    ...(options.log ? { log: options.log } : {}),
  };
}
