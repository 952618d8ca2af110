import { Logger, type Provider } from '@nestjs/common';
import { AppConfig } from '@splitwork/config';
import { OfflinePlanner, Planner } from '@splitwork/planning-core';
import { LlmPlanner, type LlmPlannerOptions, type PlannerLog } from '@splitwork/planning-llm';

/** The planner of this process: the LLM when OPENAI_API_KEY is set, else the offline one. */
export const PLANNER = Symbol('PLANNER');

/** The LLM planner's options from the configuration (every one settable by environment). */
export function llmPlannerOptions(config: AppConfig, log?: PlannerLog): LlmPlannerOptions {
  if (!config.OPENAI_API_KEY) throw new Error('OPENAI_API_KEY is not set');
  const priced =
    config.LLM_PRICE_INPUT_PER_MILLION_USD !== undefined &&
    config.LLM_PRICE_OUTPUT_PER_MILLION_USD !== undefined;
  return {
    apiKey: config.OPENAI_API_KEY,
    model: config.OPENAI_MODEL,
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
    firstTokenTimeoutMs: config.LLM_FIRST_TOKEN_TIMEOUT_MS,
    tokenGapTimeoutMs: config.LLM_TOKEN_GAP_TIMEOUT_MS,
    maxRetries: config.LLM_MAX_RETRIES,
    maxRepairs: config.LLM_MAX_REPAIRS,
    maxContinuations: config.LLM_MAX_CONTINUATIONS,
    featureConcurrency: config.LLM_FEATURE_CONCURRENCY,
    longBriefChars: config.LLM_LONG_BRIEF_CHARS,
    ...(config.LLM_CONTEXT_TOKENS !== undefined
      ? { contextTokens: config.LLM_CONTEXT_TOKENS }
      : {}),
    maxOutputTokens: config.LLM_MAX_OUTPUT_TOKENS,
    ...(priced
      ? {
          pricing: {
            inputPerMillionUsd: config.LLM_PRICE_INPUT_PER_MILLION_USD as number,
            outputPerMillionUsd: config.LLM_PRICE_OUTPUT_PER_MILLION_USD as number,
          },
        }
      : {}),
    responseFormat: config.LLM_RESPONSE_FORMAT,
    offlineFallback: config.LLM_OFFLINE_FALLBACK,
    ...(log ? { log } : {}),
  };
}

/** The planner's log lines through Nest's logger (pino in the app): fields first, then the message. */
function nestPlannerLog(logger: Logger): PlannerLog {
  return {
    info: (fields, message) => logger.log(fields, message),
    warn: (fields, message) => logger.warn(fields, message),
  };
}

/** One line naming the planner, model and endpoint (never the key), for the start-up banner. */
export function describePlanner(planner: Planner): string {
  if (planner instanceof LlmPlanner) {
    const d = planner.describe();
    return `LLM (${String(d.model)} at ${String(d.endpoint)}; context ${String(d.contextTokens)} tokens, first token within ${String(d.firstTokenTimeoutMs)} ms, gaps under ${String(d.tokenGapTimeoutMs)} ms, ${d.pricing === 'unknown' ? 'cost unknown' : 'priced'}${d.offlineFallback ? ', offline fallback on' : ''})`;
  }
  return 'offline (no model; set OPENAI_API_KEY to plan with an LLM)';
}

export const plannerProvider: Provider = {
  provide: PLANNER,
  inject: [AppConfig],
  useFactory: (config: AppConfig): Planner =>
    config.OPENAI_API_KEY
      ? new LlmPlanner(llmPlannerOptions(config, nestPlannerLog(new Logger('LlmPlanner'))))
      : new OfflinePlanner(),
};
