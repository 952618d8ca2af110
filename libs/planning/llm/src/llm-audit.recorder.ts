import type { PlannerAudit } from '@splitwork/planning-core';
import { costMicroUsd, type ModelPricing } from './model-pricing';

/** Raw answers are kept for audit up to this size in total. */
export const MAX_RAW_OUTPUT_CHARS = 200_000;
/** Validation problems are kept up to this number. */
export const MAX_AUDIT_ERRORS = 500;

export interface AuditIdentity {
  readonly model: string;
  readonly promptVersion: string;
  readonly schemaVersion: string;
  readonly pricing: ModelPricing;
}

/**
 * What one LLM planning run spends and meets: tokens and HTTP attempts of
 * every call, the validation problems of every answer, and the last raw
 * answer of each conversation (the plan, or the outline and each feature).
 */
export class LlmAuditRecorder {
  private tokensIn = 0;
  private tokensOut = 0;
  private calls = 0;
  private readonly errors: string[] = [];
  private readonly lastAnswers = new Map<string, string>();

  constructor(private readonly identity: AuditIdentity) {}

  recordCall(usage: { tokensIn: number; tokensOut: number; attempts: number }): void {
    this.tokensIn += usage.tokensIn;
    this.tokensOut += usage.tokensOut;
    this.calls += usage.attempts;
  }

  /** Attempts that produced no answer (timeouts, errors after the SDK's retries). */
  recordFailedAttempts(attempts: number): void {
    this.calls += attempts;
  }

  recordAnswer(conversation: string, raw: string): void {
    this.lastAnswers.set(conversation, raw);
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
      calls: this.calls,
      validationErrors: [...this.errors],
      rawOutput: this.rawOutput(),
    };
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
