import type { ModelCallRecord, PlannerAudit } from '@splitwork/planning-core';
import type { ChatAnswer, ModelEndpointError } from './chat-model.client';
import { costMicroUsd, type ModelPricing } from './model-pricing';

/** Raw answers are kept for audit up to this size in total. */
export const MAX_RAW_OUTPUT_CHARS = 200_000;
/** Validation problems are kept up to this number. */
export const MAX_AUDIT_ERRORS = 500;
/** Model calls kept per run (a run makes far fewer; a bound keeps a runaway row small). */
export const MAX_AUDIT_CALLS = 200;

export interface AuditIdentity {
  readonly model: string;
  readonly promptVersion: string;
  readonly schemaVersion: string;
  readonly pricing: ModelPricing | null;
}

/**
 * What one LLM planning run spends and meets: every model call (tokens,
 * duration, time to first token, finish reason, response format, attempts
 * and the raw answer), the validation problems of every answer, and the
 * last raw answer of each conversation.
 */
export class LlmAuditRecorder {
  private tokensIn = 0;
  private tokensOut = 0;
  private attempts = 0;
  private rawChars = 0;
  private readonly errors: string[] = [];
  private readonly calls: ModelCallRecord[] = [];
  private readonly lastAnswers = new Map<string, string>();

  constructor(private readonly identity: AuditIdentity) {}

  get callCount(): number {
    return this.calls.length;
  }

  recordCall(conversation: string, purpose: string, reply: ChatAnswer): ModelCallRecord {
    this.tokensIn += reply.tokensIn;
    this.tokensOut += reply.tokensOut;
    this.attempts += reply.attempts;
    this.lastAnswers.set(conversation, reply.content);
    return this.push({
      conversation,
      purpose,
      promptTokens: reply.tokensIn,
      completionTokens: reply.tokensOut,
      usageReported: reply.usageReported,
      durationMs: reply.durationMs,
      firstTokenMs: reply.firstTokenMs,
      finishReason: reply.finishReason,
      responseFormat: reply.responseFormat,
      attempts: reply.attempts,
      rawAnswer: this.keepRaw(reply.content),
      error: null,
    });
  }

  /** A call that produced no answer (timeouts, errors after the retries). */
  recordFailedCall(
    conversation: string,
    purpose: string,
    error: ModelEndpointError,
  ): ModelCallRecord {
    this.attempts += error.attempts;
    return this.push({
      conversation,
      purpose,
      promptTokens: 0,
      completionTokens: 0,
      usageReported: false,
      durationMs: error.durationMs,
      firstTokenMs: null,
      finishReason: null,
      responseFormat: '',
      attempts: error.attempts,
      rawAnswer: null,
      error: error.reason,
    });
  }

  recordErrors(conversation: string | undefined, errors: readonly string[]): void {
    for (const error of errors) {
      if (this.errors.length >= MAX_AUDIT_ERRORS) return;
      this.errors.push(conversation ? `[${conversation}] ${error}` : error);
    }
  }

  snapshot(): PlannerAudit {
    return {
      planner: 'LLM',
      model: this.identity.model,
      promptVersion: this.identity.promptVersion,
      schemaVersion: this.identity.schemaVersion,
      tokensIn: this.tokensIn,
      tokensOut: this.tokensOut,
      costMicroUsd: costMicroUsd(this.identity.pricing, this.tokensIn, this.tokensOut),
      calls: this.attempts,
      validationErrors: [...this.errors],
      rawOutput: this.rawOutput(),
      modelCalls: [...this.calls],
      fallbackReason: null,
    };
  }

  private push(record: ModelCallRecord): ModelCallRecord {
    if (this.calls.length < MAX_AUDIT_CALLS) this.calls.push(record);
    return record;
  }

  /** Raw answers of all calls share one budget; past it an answer is kept truncated. */
  private keepRaw(raw: string): string {
    const room = Math.max(0, MAX_RAW_OUTPUT_CHARS - this.rawChars);
    const kept =
      raw.length > room
        ? `${raw.slice(0, room)}\n… (truncated, ${raw.length} characters in all)`
        : raw;
    this.rawChars += Math.min(raw.length, room);
    return kept;
  }

  private rawOutput(): string | null {
    if (this.lastAnswers.size === 0) return null;
    const text =
      this.lastAnswers.size === 1
        ? [...this.lastAnswers.values()][0]
        : [...this.lastAnswers].map(([name, raw]) => `--- ${name} ---\n${raw}`).join('\n');
    return text.length > MAX_RAW_OUTPUT_CHARS
      ? `${text.slice(0, MAX_RAW_OUTPUT_CHARS)}\n… (truncated, ${text.length} characters in all)`
      : text;
  }
}
