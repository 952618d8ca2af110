import type { BriefLineOverrides } from './brief-lines';
import type { Plan, PlanSettings } from './plan.types';

/** Where a planning run is; pushed to the owner while the run goes on. */
export interface PlannerProgress {
  readonly stage: string;
  /** 0..100 */
  readonly percent: number;
  readonly message: string;
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
  /** Estimated cost in millionths of a US dollar. */
  readonly costMicroUsd: number;
  /** Model calls made, repairs included. */
  readonly calls: number;
  /** Validation problems met on the way (also those that a repair fixed). */
  readonly validationErrors: readonly string[];
  /** The model's last answer(s), as received. */
  readonly rawOutput: string | null;
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
