import type { PlannerProgress } from '@splitwork/planning-core';

/** The stages an LLM planning run reports, in the order they can occur. */
export const LLM_PLANNING_STAGES = [
  'EXTRACTING',
  'PROMPTING',
  'OUTLINING',
  'FEATURE',
  'REPAIRING',
  'VALIDATING',
] as const;
export type LlmPlanningStage = (typeof LLM_PLANNING_STAGES)[number];

/**
 * Passes progress on to the caller with a percent that never goes back and
 * stays below 100 (the caller reports the end). A listener that throws
 * cannot stop the run.
 */
export class ProgressReporter {
  private percent = 0;

  constructor(private readonly listener?: (progress: PlannerProgress) => void) {}

  get current(): number {
    return this.percent;
  }

  report(stage: LlmPlanningStage, percent: number, message: string): void {
    this.percent = Math.max(this.percent, Math.min(99, Math.round(percent)));
    try {
      this.listener?.({ stage, percent: this.percent, message });
    } catch {
      // Progress is advisory; the plan matters more than its display.
    }
  }
}
