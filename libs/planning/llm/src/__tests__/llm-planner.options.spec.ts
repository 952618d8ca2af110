import { PLAN_SCHEMA_VERSION } from '@splitwork/planning-core';
import { LlmAuditRecorder, MAX_RAW_OUTPUT_CHARS } from '../llm-audit.recorder';
import { LlmPlanner } from '../llm-planner.adapter';
import { resolveLlmPlannerOptions } from '../llm-planner.options';
import { costMicroUsd, pricingForModel } from '../model-pricing';
import type { ChatAnswer } from '../chat-model.client';
import { ModelEndpointError } from '../chat-model.client';

describe('resolveLlmPlannerOptions', () => {
  it('fills in the defaults and the price of the model', () => {
    expect(resolveLlmPlannerOptions({ apiKey: 'k', model: 'gpt-4o-mini' })).toEqual({
      apiKey: 'k',
      baseURL: 'https://api.openai.com/v1',
      model: 'gpt-4o-mini',
      firstTokenTimeoutMs: 600_000,
      tokenGapTimeoutMs: 60_000,
      maxRetries: 2,
      maxRepairs: 2,
      pricing: { inputPerMillionUsd: 0.15, outputPerMillionUsd: 0.6 },
      longBriefChars: 12_000,
      featureConcurrency: 3,
      contextTokens: 128_000,
      maxOutputTokens: 16_384,
      responseFormat: 'auto',
      maxContinuations: 3,
      offlineFallback: false,
    });
  });

  it('leaves the price of a model it does not know unknown, and the context at a local default', () => {
    expect(resolveLlmPlannerOptions({ apiKey: 'k', model: 'qwen2.5:14b' })).toMatchObject({
      pricing: null,
      contextTokens: 8_192,
    });
    expect(
      resolveLlmPlannerOptions({
        apiKey: 'k',
        model: 'qwen2.5:14b',
        pricing: { inputPerMillionUsd: 0, outputPerMillionUsd: 0 },
        contextTokens: 32_768,
      }),
    ).toMatchObject({
      pricing: { inputPerMillionUsd: 0, outputPerMillionUsd: 0 },
      contextTokens: 32_768,
    });
  });

  it.each([
    [{ apiKey: ' ' }, 'LlmPlanner option apiKey is empty'],
    [
      { tokenGapTimeoutMs: 0 },
      'LlmPlanner option tokenGapTimeoutMs must be a whole number >= 1, got 0',
    ],
    [{ contextTokens: 512 }, 'LlmPlanner option contextTokens must be a whole number >= 1024'],
    [
      { responseFormat: 'xml' as never },
      'LlmPlanner option responseFormat must be one of auto, json_schema, json_object, prompt',
    ],
    [{ maxRepairs: 1.5 }, 'LlmPlanner option maxRepairs must be a whole number >= 0, got 1.5'],
    [{ baseURL: 'localhost:11434' }, 'LlmPlanner option baseURL must be an http(s) URL'],
    [
      { pricing: { inputPerMillionUsd: -1, outputPerMillionUsd: 0 } },
      'LlmPlanner option pricing.inputPerMillionUsd must be a non-negative number of USD',
    ],
  ])('rejects %j with a message naming the option', (override, message) => {
    expect(() => resolveLlmPlannerOptions({ apiKey: 'k', model: 'm', ...override })).toThrow(
      message,
    );
  });
});

describe('LlmPlanner identity', () => {
  it('is an LLM planner keyed by model, prompt version and core schema version', () => {
    const planner = new LlmPlanner({ apiKey: 'k', model: 'gpt-4.1-mini' });

    expect(planner).toMatchObject({
      kind: 'LLM',
      model: 'gpt-4.1-mini',
      promptVersion: 'llm-2',
      schemaVersion: PLAN_SCHEMA_VERSION,
    });
  });
});

describe('model pricing', () => {
  it('finds the longest matching model family, dated snapshots and provider prefixes included', () => {
    expect(pricingForModel('gpt-4o-mini-2024-07-18')).toEqual({
      inputPerMillionUsd: 0.15,
      outputPerMillionUsd: 0.6,
    });
    expect(pricingForModel('gpt-4o-2024-08-06')?.inputPerMillionUsd).toBe(2.5);
    expect(pricingForModel('openai/o3-mini')?.outputPerMillionUsd).toBe(4.4);
  });

  it('knows no price for a model it does not know, and never guesses one', () => {
    expect(pricingForModel('llama3.1:8b')).toBeNull();
    expect(pricingForModel('qwen2.5-coder:32b')).toBeNull();
    expect(pricingForModel('gpt-4o-like-local-finetune')).not.toBeNull(); // a gpt-4o family name
    expect(costMicroUsd(null, 1_000, 500)).toBeNull();
  });

  it('counts dollars per million tokens as micro-dollars per token', () => {
    expect(costMicroUsd({ inputPerMillionUsd: 0.15, outputPerMillionUsd: 0.6 }, 1000, 500)).toBe(
      450,
    );
  });
});

describe('LlmAuditRecorder', () => {
  const identity = {
    model: 'gpt-4o-mini',
    promptVersion: 'llm-1',
    schemaVersion: 'plan-1',
    pricing: { inputPerMillionUsd: 1, outputPerMillionUsd: 2 },
  };

  const reply = (
    content: string,
    tokensIn: number,
    tokensOut: number,
    attempts = 1,
  ): ChatAnswer => ({
    content,
    refusal: null,
    finishReason: 'stop',
    tokensIn,
    tokensOut,
    usageReported: true,
    attempts,
    durationMs: 1_200,
    firstTokenMs: 300,
    responseFormat: 'json_schema',
  });

  it('sums tokens and attempts, prices them and keeps every call with its raw answer', () => {
    const audit = new LlmAuditRecorder(identity);
    audit.recordCall('plan', 'ask', reply('first answer', 100, 40, 2));
    audit.recordCall('plan', 'repair', reply('second answer', 50, 10));
    audit.recordFailedCall('plan', 'repair', new ModelEndpointError('timed out', 2, false, 900));

    const snapshot = audit.snapshot();
    expect(snapshot).toMatchObject({
      planner: 'LLM',
      tokensIn: 150,
      tokensOut: 50,
      costMicroUsd: 250,
      calls: 5,
      rawOutput: 'second answer',
    });
    expect(snapshot.modelCalls).toEqual([
      expect.objectContaining({
        purpose: 'ask',
        promptTokens: 100,
        completionTokens: 40,
        durationMs: 1_200,
        firstTokenMs: 300,
        finishReason: 'stop',
        rawAnswer: 'first answer',
      }),
      expect.objectContaining({ purpose: 'repair', rawAnswer: 'second answer', error: null }),
      expect.objectContaining({
        purpose: 'repair',
        rawAnswer: null,
        error: 'timed out',
        attempts: 2,
        durationMs: 900,
      }),
    ]);
  });

  it('reports the cost of a model without a price as unknown', () => {
    const audit = new LlmAuditRecorder({ ...identity, pricing: null });
    audit.recordCall('plan', 'ask', reply('x', 1_000, 1_000));

    expect(audit.snapshot().costMicroUsd).toBeNull();
  });

  it('keeps the last answer of each conversation, truncated', () => {
    const audit = new LlmAuditRecorder(identity);
    audit.recordCall('outline', 'ask', reply('first', 1, 1));
    audit.recordCall('outline', 'repair', reply('second', 1, 1));
    audit.recordCall('feature a', 'ask', reply('x'.repeat(MAX_RAW_OUTPUT_CHARS), 1, 1));

    const raw = audit.snapshot().rawOutput ?? '';

    expect(raw.startsWith('--- outline ---\nsecond\n--- feature a ---\nxxx')).toBe(true);
    expect(raw).toMatch(/… \(truncated, \d+ characters in all\)$/);
    expect(raw.length).toBeLessThan(MAX_RAW_OUTPUT_CHARS + 100);
  });
});
