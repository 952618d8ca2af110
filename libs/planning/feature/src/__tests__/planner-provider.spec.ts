import { loadConfig } from '@splitwork/config';
import { OfflinePlanner } from '@splitwork/planning-core';
import { LlmPlanner } from '@splitwork/planning-llm';
import { describePlanner, llmPlannerOptions } from '../planner.provider';

const LOCAL = {
  OPENAI_API_KEY: 'sk-local-secret-key',
  OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
  OPENAI_MODEL: 'qwen2.5:14b',
};

describe('the planner from the environment', () => {
  it('sets every LLM planner option from its variable', () => {
    const config = loadConfig({
      ...LOCAL,
      LLM_FIRST_TOKEN_TIMEOUT_MS: '900000',
      LLM_TOKEN_GAP_TIMEOUT_MS: '30000',
      LLM_MAX_RETRIES: '1',
      LLM_MAX_REPAIRS: '3',
      LLM_MAX_CONTINUATIONS: '4',
      LLM_FEATURE_CONCURRENCY: '1',
      LLM_LONG_BRIEF_CHARS: '20000',
      LLM_CONTEXT_TOKENS: '32768',
      LLM_MAX_OUTPUT_TOKENS: '12000',
      LLM_PRICE_INPUT_PER_MILLION_USD: '0',
      LLM_PRICE_OUTPUT_PER_MILLION_USD: '0',
      LLM_RESPONSE_FORMAT: 'json_object',
      LLM_OFFLINE_FALLBACK: 'true',
    });

    expect(llmPlannerOptions(config)).toEqual({
      apiKey: 'sk-local-secret-key',
      model: 'qwen2.5:14b',
      baseURL: 'http://127.0.0.1:11434/v1',
      firstTokenTimeoutMs: 900_000,
      tokenGapTimeoutMs: 30_000,
      maxRetries: 1,
      maxRepairs: 3,
      maxContinuations: 4,
      featureConcurrency: 1,
      longBriefChars: 20_000,
      contextTokens: 32_768,
      maxOutputTokens: 12_000,
      pricing: { inputPerMillionUsd: 0, outputPerMillionUsd: 0 },
      responseFormat: 'json_object',
      offlineFallback: true,
    });
  });

  it('leaves a local model without a price unpriced (cost unknown) and names it in the banner without the key', () => {
    const planner = new LlmPlanner(llmPlannerOptions(loadConfig(LOCAL)));

    const line = describePlanner(planner);

    expect(line).toContain('qwen2.5:14b at http://127.0.0.1:11434/v1');
    expect(line).toContain('context 8192 tokens');
    expect(line).toContain('cost unknown');
    expect(line).not.toContain('sk-local-secret-key');
    expect(describePlanner(new OfflinePlanner())).toMatch(/^offline/);
  });
});
