import {
  answerBudget,
  contextTokensForModel,
  estimatePromptTokens,
  MIN_ANSWER_TOKENS,
} from '../context-budget';

describe('context budget', () => {
  it('gives the answer what the context leaves after the prompt, capped by the output limit', () => {
    expect(answerBudget(3_000, { contextTokens: 8_192, maxOutputTokens: 16_384 })).toEqual({
      ok: true,
      promptTokens: 3_000,
      maxTokens: 5_192,
    });
    expect(answerBudget(3_000, { contextTokens: 128_000, maxOutputTokens: 16_384 })).toMatchObject({
      maxTokens: 16_384,
    });
  });

  it('refuses a prompt that leaves too little room, naming the variable to raise', () => {
    const budget = answerBudget(8_000, { contextTokens: 8_192, maxOutputTokens: 16_384 });
    expect(budget.ok).toBe(false);
    expect(!budget.ok && budget.reason).toMatch(
      new RegExp(
        `leaves 192 of the model's 8192-token context .* ${MIN_ANSWER_TOKENS} .*LLM_CONTEXT_TOKENS`,
      ),
    );
  });

  it('estimates prompt tokens on the safe side of a 4-characters-per-token tokeniser', () => {
    const text = 'word '.repeat(2_000); // 10 000 characters, about 2 500 real tokens
    const estimate = estimatePromptTokens([{ content: text }]);
    expect(estimate).toBeGreaterThan(2_500);
    expect(estimate).toBeLessThan(3_600);
    expect(estimatePromptTokens([{ content: text }], '{"type":"object"}')).toBeGreaterThan(
      estimate,
    );
  });

  it('assumes a large context for OpenAI models and a small local default for others', () => {
    expect(contextTokensForModel('gpt-4o-mini')).toBe(128_000);
    expect(contextTokensForModel('llama3.1:8b')).toBe(8_192);
  });
});
