import type { BriefLineOverrides } from './brief-lines';
import type { Plan, PlanSettings } from './plan.types';

/** Where a planning run is; pushed to the owner while the run goes on. */
export interface PlannerProgress {
  readonly stage: string;
  /** 0..100 */
  readonly percent: number;
  readonly message: string;
  /** Tokens of the model's answer received so far in this run (LLM planner, while streaming). */
  readonly tokensReceived?: number;
}

export type PlannerKind = 'OFFLINE' | 'LLM';

/** What a planning attempt cost and produced, stored with the run for audit. */
export interface PlannerAudit {
  readonly planner: PlannerKind;
  readonly model: string;
  readonly promptVersion: string;
  readonly schemaVersion: string;
  readonly tokensIn: number;
  readonly tokensOut: number;
  /** Estimated cost in millionths of a US dollar; null when the model's price is unknown (never a guess). */
  readonly costMicroUsd: number | null;
  /** Model calls made, repairs included. */
  readonly calls: number;
  /** Validation problems met on the way (also those that a repair fixed). */
  readonly validationErrors: readonly string[];
  /** The model's last answer(s), as received. */
  readonly rawOutput: string | null;
  /** Every model call of the run, in order (LLM planner only). */
  readonly modelCalls?: readonly ModelCallRecord[];
  /** Set when the plan was made by the offline planner because the LLM path failed: why it failed. */
  readonly fallbackReason?: string | null;
}

/** One model call of a planning run, kept for audit. */
export interface ModelCallRecord {
  /** The conversation it belongs to: `plan`, `outline`, `feature auth`. */
  readonly conversation: string;
  /** `ask`, `repair`, `continue`. */
  readonly purpose: string;
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** Whether the endpoint reported the token counts (else they are estimates). */
  readonly usageReported: boolean;
  readonly durationMs: number;
  /** Time until the first token (queueing and prompt processing included). */
  readonly firstTokenMs: number | null;
  readonly finishReason: string | null;
  /** `json_schema`, `json_object` or `prompt`. */
  readonly responseFormat: string;
  readonly attempts: number;
  /** The answer as received (thinking included), or null when the call failed. */
  readonly rawAnswer: string | null;
  readonly error: string | null;
}

export interface PlannerInput {
  readonly brief: string;
  readonly settings: PlanSettings;
  /**
   * The owner's reading of brief lines (line → REQUIREMENT/CONTEXT/SCOPE),
   * applied on top of the planner's own classification.
   */
  readonly briefLineKinds?: BriefLineOverrides;
  readonly onProgress?: (progress: PlannerProgress) => void;
  /** Aborts the attempt (shutdown). */
  readonly signal?: AbortSignal;
  /** The planning run's id, for the planner's log lines. */
  readonly runId?: string;
}

export interface PlannerResult {
  /** A plan that passed validatePlan with the settings' size band. */
  readonly plan: Plan;
  readonly audit: PlannerAudit;
}

/** A run that could not produce a valid plan; `reason` is shown to the owner. */
export class PlanningFailure extends Error {
  constructor(
    readonly reason: string,
    readonly audit: PlannerAudit,
  ) {
    super(reason);
    this.name = 'PlanningFailure';
  }
}

/** Turns a brief into a validated plan: offline or through an LLM. */
export interface Planner {
  readonly kind: PlannerKind;
  /** Model name, or `offline`; part of the plan cache key. */
  readonly model: string;
  readonly promptVersion: string;
  readonly schemaVersion: string;
  plan(input: PlannerInput): Promise<PlannerResult>;
}
