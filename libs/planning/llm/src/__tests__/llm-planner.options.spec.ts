import { PLAN_SCHEMA_VERSION } from '@splitwork/planning-core';
import { LlmAuditRecorder, MAX_RAW_OUTPUT_CHARS } from '../llm-audit.recorder';
import { LlmPlanner } from '../llm-planner.adapter';
import { resolveLlmPlannerOptions } from '../llm-planner.options';
import { costMicroUsd, FALLBACK_MODEL_PRICING, pricingForModel } from '../model-pricing';

describe('resolveLlmPlannerOptions', () => {
  it('fills in the defaults and the price of the model', () => {
    expect(resolveLlmPlannerOptions({ apiKey: 'k', model: 'gpt-4o-mini' })).toEqual({
      apiKey: 'k',
      baseURL: 'https://api.openai.com/v1',
      model: 'gpt-4o-mini',
      timeoutMs: 60_000,
      maxRetries: 3,
      maxRepairs: 2,
      pricing: { inputPerMillionUsd: 0.15, outputPerMillionUsd: 0.6 },
      longBriefChars: 12_000,
      featureConcurrency: 3,
    });
  });

  it.each([
    [{ apiKey: ' ' }, 'LlmPlanner option apiKey is empty'],
    [{ timeoutMs: 0 }, 'LlmPlanner option timeoutMs must be a whole number >= 1, got 0'],
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
      promptVersion: 'llm-1',
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
    expect(pricingForModel('gpt-4o-2024-08-06').inputPerMillionUsd).toBe(2.5);
    expect(pricingForModel('openai/o3-mini').outputPerMillionUsd).toBe(4.4);
  });

  it('falls back to a mid-range price for a model it does not know', () => {
    expect(pricingForModel('llama3.1:8b')).toBe(FALLBACK_MODEL_PRICING);
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

  it('sums tokens and attempts and prices them', () => {
    const audit = new LlmAuditRecorder(identity);
    audit.recordCall({ tokensIn: 100, tokensOut: 40, attempts: 2 });
    audit.recordCall({ tokensIn: 50, tokensOut: 10, attempts: 1 });
    audit.recordFailedAttempts(2);

    expect(audit.snapshot()).toMatchObject({
      planner: 'LLM',
      tokensIn: 150,
      tokensOut: 50,
      costMicroUsd: 250,
      calls: 5,
      rawOutput: null,
    });
  });

  it('keeps the last answer of each conversation, truncated', () => {
    const audit = new LlmAuditRecorder(identity);
    audit.recordAnswer('outline', 'first');
    audit.recordAnswer('outline', 'second');
    audit.recordAnswer('feature a', 'x'.repeat(MAX_RAW_OUTPUT_CHARS));

    const raw = audit.snapshot().rawOutput ?? '';

    expect(raw.startsWith('--- outline ---\nsecond\n--- feature a ---\nxxx')).toBe(true);
    expect(raw).toMatch(/… \(truncated, \d+ characters in all\)$/);
    expect(raw.length).toBeLessThan(MAX_RAW_OUTPUT_CHARS + 100);
  });
});
