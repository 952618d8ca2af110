import type { Currency } from '@splitwork/kernel';

/** Who does the work of a task. */
export const PLATFORMS = ['WEB', 'IOS', 'ANDROID', 'BACKEND', 'DESIGN', 'QA', 'DEVOPS'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** What a project can ask to be built for; DESIGN, QA and DEVOPS work follows from these. */
export const TARGET_PLATFORMS = ['WEB', 'IOS', 'ANDROID', 'BACKEND'] as const;
export type TargetPlatform = (typeof TARGET_PLATFORMS)[number];

/** Client platforms, the ones that get screens. */
export const CLIENT_PLATFORMS = ['WEB', 'IOS', 'ANDROID'] as const;
export type ClientPlatform = (typeof CLIENT_PLATFORMS)[number];

export const SKILL_LEVELS = [1, 2, 3, 4, 5] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

export interface SkillRequirement {
  readonly skill: string;
  readonly minLevel: SkillLevel;
}

/** Three-point estimate in hours; optimistic <= likely <= pessimistic. */
export interface Estimate {
  readonly optimistic: number;
  readonly likely: number;
  readonly pessimistic: number;
}

export interface PlannedTask {
  /** Stable id within the plan, e.g. `auth-api-1`. */
  readonly key: string;
  readonly featureKey: string;
  readonly title: string;
  readonly description: string;
  /** A checklist a reviewer can score. */
  readonly acceptanceCriteria: readonly string[];
  readonly skills: readonly SkillRequirement[];
  readonly platform: Platform;
  readonly estimate: Estimate;
  /** Keys of the tasks that must be done first. */
  readonly dependsOn: readonly string[];
  /** Ids of the brief requirements this task traces to. */
  readonly requirementIds: readonly string[];
  /** Set by the owner: automatic reshaping (size band, calibration) leaves the task alone. */
  readonly locked?: boolean;
  /** Added by the owner (`addPlanTask`): a re-plan keeps it until the owner removes it. */
  readonly addedByOwner?: boolean;
}

/** `story`: a thing of the brief's own domain, built from the stories acting on it. */
export type FeatureOrigin = 'project' | 'catalog' | 'custom' | 'story';

/** A feature or milestone grouping tasks. */
export interface Feature {
  readonly key: string;
  readonly title: string;
  readonly order: number;
  readonly origin?: FeatureOrigin;
}

export const REQUIREMENT_KINDS = [
  'bullet',
  'numbered',
  'user-story',
  'sentence',
  'heading-item',
] as const;
export type RequirementKind = (typeof REQUIREMENT_KINDS)[number];

/**
 * `instruction-like`: the line talks to the planner ("ignore previous
 * instructions..."). The brief is data, so such a line is never obeyed and
 * never planned; the plan reports it as uncovered for the owner to read.
 */
export type RequirementFlag = 'instruction-like';

export interface Requirement {
  /** `R1`, `R2`, ... in the order of the brief. */
  readonly id: string;
  readonly text: string;
  readonly kind: RequirementKind;
  /** 1-based line of the brief where the requirement starts. */
  readonly line: number;
  /** The nearest heading above the line, for context. */
  readonly section?: string;
  /** The line introducing the list the requirement belongs to ("Admins can:"). */
  readonly leadIn?: string;
  readonly flags?: readonly RequirementFlag[];
  /** Who does what to which thing, as the planner read the line (offline planner). */
  readonly story?: RequirementStory;
}

export interface RequirementStory {
  readonly actor?: string;
  /** Base form of the verb: `reserve`. */
  readonly action: string;
  /** The thing acted on: `tool`. */
  readonly entity: string;
}

export interface SizeBand {
  readonly minHours: number;
  readonly maxHours: number;
}

/** Hourly rate in minor units (cents) of the project currency, per skill level. */
export type RateCard = Readonly<Record<SkillLevel, number>>;

export interface PlanSettings {
  readonly sizeBand: SizeBand;
  readonly rateCard: RateCard;
  readonly currency: Currency;
  readonly targetPlatforms: readonly TargetPlatform[];
}

export interface RequirementCoverage {
  readonly requirementId: string;
  readonly taskKeys: readonly string[];
}

export interface PlanCoverage {
  readonly requirements: readonly RequirementCoverage[];
  readonly uncoveredRequirementIds: readonly string[];
}

export interface Plan {
  readonly features: readonly Feature[];
  readonly tasks: readonly PlannedTask[];
  readonly requirements: readonly Requirement[];
  readonly coverage: PlanCoverage;
}
