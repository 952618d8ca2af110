import {
  type BriefLineOverrides,
  isInstructionLike,
  type Platform,
  type PlanSettings,
  readBrief,
  type Requirement,
} from '@splitwork/planning-core';

/** Platforms that follow from any target: design, testing and operations work. */
const SUPPORT_PLATFORMS: readonly Platform[] = ['DESIGN', 'QA', 'DEVOPS'];

/** What every call and every check of one planning run shares. */
export interface PlanningContext {
  readonly settings: PlanSettings;
  /** Every requirement line of the brief, flagged ones included: the plan reports them all. */
  readonly requirements: readonly Requirement[];
  /** The requirements the model is given and must cover: the instruction-like ones are left out. */
  readonly plannable: readonly Requirement[];
  readonly plannableIds: ReadonlySet<string>;
  readonly instructionLikeIds: ReadonlySet<string>;
  readonly allowedPlatforms: readonly Platform[];
}

/**
 * The brief is read as the offline planner reads it: only requirement lines
 * (not headings, links, metadata, marketing prose or scope lines), with the
 * owner's reclassifications applied, so both planners plan the same lines.
 */
export function planningContext(
  brief: string,
  settings: PlanSettings,
  briefLineKinds: BriefLineOverrides = {},
): PlanningContext {
  const requirements = readBrief(brief, briefLineKinds).requirements;
  const plannable = requirements.filter((r) => !isInstructionLike(r));
  return {
    settings,
    requirements,
    plannable,
    plannableIds: new Set(plannable.map((r) => r.id)),
    instructionLikeIds: new Set(requirements.filter(isInstructionLike).map((r) => r.id)),
    allowedPlatforms: [...settings.targetPlatforms, ...SUPPORT_PLATFORMS],
  };
}
