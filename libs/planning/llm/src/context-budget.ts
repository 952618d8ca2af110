import { pricingForModel } from './model-pricing';

/** Context window assumed for OpenAI's chat models (all current ones have at least this). */
export const OPENAI_CONTEXT_TOKENS = 128_000;
/** Context window assumed for any other model: a common local default; set it explicitly. */
export const UNKNOWN_MODEL_CONTEXT_TOKENS = 8_192;
/** An answer given less room than this cannot hold a useful plan: the call is refused. */
export const MIN_ANSWER_TOKENS = 1_024;
/** Tokenisers differ; the estimate adds this share on top to stay on the safe side. */
const ESTIMATE_MARGIN = 1.1;
/** Chat template tokens per message (role markers, separators). */
const TOKENS_PER_MESSAGE = 8;

export function contextTokensForModel(model: string): number {
  return pricingForModel(model) === null ? UNKNOWN_MODEL_CONTEXT_TOKENS : OPENAI_CONTEXT_TOKENS;
}

/**
 * Tokens of a text, estimated without the model's tokeniser: about one per
 * 3.5 characters of English and JSON (BPE tokenisers of current models land
 * between 3.5 and 4.5), rounded up.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3.5);
}

/** Tokens of a prompt: its messages, and the schema when it is sent as the response format. */
export function estimatePromptTokens(
  messages: readonly { readonly content: string }[],
  extraText = '',
): number {
  const text = messages.reduce((sum, m) => sum + estimateTokens(m.content) + TOKENS_PER_MESSAGE, 0);
  return Math.ceil((text + estimateTokens(extraText)) * ESTIMATE_MARGIN);
}

export type AnswerBudget =
  | { readonly ok: true; readonly maxTokens: number; readonly promptTokens: number }
  | { readonly ok: false; readonly reason: string; readonly promptTokens: number };

/**
 * The `max_tokens` of a call: what the context leaves after the prompt,
 * capped by `maxOutputTokens`; refused with a reason when the prompt leaves
 * less than `MIN_ANSWER_TOKENS`.
 */
export function answerBudget(
  promptTokens: number,
  limits: { readonly contextTokens: number; readonly maxOutputTokens: number },
): AnswerBudget {
  const room = limits.contextTokens - promptTokens;
  if (room < MIN_ANSWER_TOKENS) {
    return {
      ok: false,
      promptTokens,
      reason:
        `The prompt (about ${promptTokens} tokens) leaves ${Math.max(0, room)} of the model's ` +
        `${limits.contextTokens}-token context for the answer, less than the ${MIN_ANSWER_TOKENS} a plan needs; ` +
        "shorten the brief, or raise LLM_CONTEXT_TOKENS (and the server's context size) if the model has more",
    };
  }
  return { ok: true, promptTokens, maxTokens: Math.min(room, limits.maxOutputTokens) };
}
