import type { PlannerProgress } from '@splitwork/planning-core';

/** The stages an LLM planning run reports, in the order they can occur. */
export const LLM_PLANNING_STAGES = [
  'EXTRACTING',
  'PROMPTING',
  'OUTLINING',
  'FEATURE',
  'WAITING_FOR_MODEL',
  'RECEIVING',
  'REPAIRING',
  'VALIDATING',
  'FALLBACK',
] as const;
export type LlmPlanningStage = (typeof LLM_PLANNING_STAGES)[number];

/** Token progress is passed on at most this often (each report may be a database write). */
export const TOKEN_PROGRESS_INTERVAL_MS = 1_000;

/**
 * Passes progress on to the caller with a percent that never goes back and
 * stays below 100 (the caller reports the end), and the tokens received so
 * far in the run. A listener that throws cannot stop the run.
 */
export class ProgressReporter {
  private percent = 0;
  private stage: LlmPlanningStage = 'EXTRACTING';
  private tokens = 0;
  private readonly streamed = new Map<string, number>();
  private lastTokenReport = 0;

  constructor(
    private readonly listener?: (progress: PlannerProgress) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get current(): number {
    return this.percent;
  }

  get tokensReceived(): number {
    return this.tokens;
  }

  report(stage: LlmPlanningStage, percent: number, message: string): void {
    this.percent = Math.max(this.percent, Math.min(99, Math.round(percent)));
    this.stage = stage;
    this.emit(message);
  }

  /** The request is sent; a busy server may hold it in its queue before the first token. */
  waiting(model: string, conversation: string): void {
    this.emit(
      `Waiting for ${model}'s first token (${conversation}); a busy server may queue the request`,
      'WAITING_FOR_MODEL',
    );
  }

  /** `count` tokens of `conversation`'s current answer have arrived; reported at most once a second. */
  received(conversation: string, count: number): void {
    const before = this.streamed.get(conversation) ?? 0;
    this.tokens += Math.max(0, count - before);
    this.streamed.set(conversation, count);
    const at = this.now();
    if (count > 1 && at - this.lastTokenReport < TOKEN_PROGRESS_INTERVAL_MS) return;
    this.lastTokenReport = at;
    this.emit(
      `Receiving the answer (${conversation}): ${count} tokens, ${this.tokens} in this run`,
      'RECEIVING',
    );
  }

  /** A new call of `conversation` starts its count again. */
  newCall(conversation: string): void {
    this.streamed.set(conversation, 0);
  }

  private emit(message: string, stage: LlmPlanningStage = this.stage): void {
    try {
      this.listener?.({ stage, percent: this.percent, message, tokensReceived: this.tokens });
    } catch {
      // Progress is advisory; the plan matters more than its display.
    }
  }
}
