import { DomainError } from '@splitwork/kernel';
import type { SkillRequirement } from '@splitwork/planning-core';
import { FreelancerSkill, SkillGap, skillGaps, skillKey, skillLevels } from './skills.util';

/** A task as matching sees it. */
export interface MatchTask {
  readonly id: string;
  readonly skills: readonly SkillRequirement[];
  /** What the task pays per likely hour, in minor units of the project currency. */
  readonly hourlyRateCents: number;
  readonly likelyHours: number;
  readonly minReputation?: number | null;
}

/** A freelancer as matching sees them. */
export interface MatchFreelancer {
  readonly id: string;
  readonly skills: readonly FreelancerSkill[];
  /** In minor units of the same currency as the task's rate. */
  readonly hourlyRateCents: number;
  readonly weeklyHours: number;
  /** Hours of the work they hold now (likely hours of their active claims). */
  readonly committedHours: number;
  /** Overall reputation score, 1–5. */
  readonly reputation: number;
}

/** Each from 0 (no fit) to 1 (full fit). */
export interface MatchComponents {
  /** Share of the required skills the freelancer has at any level. */
  readonly coverage: number;
  /** Mean over the required skills of min(1, level / required level); 0 for a missing skill. */
  readonly level: number;
  /** (reputation − 1) / 4. */
  readonly reputation: number;
  /** min(1, task rate / freelancer rate): 1 when the task pays at least their rate. */
  readonly rate: number;
  /** min(1, free weekly hours / likely hours). */
  readonly availability: number;
}

export type MatchWeights = MatchComponents;

export const DEFAULT_MATCH_WEIGHTS: MatchWeights = {
  coverage: 0.3,
  level: 0.2,
  reputation: 0.2,
  rate: 0.15,
  availability: 0.15,
};

export interface MatchScore {
  readonly taskId: string;
  readonly freelancerId: string;
  /** Σ weight × component / Σ weights, from 0 to 1, rounded to 4 decimals. */
  readonly score: number;
  /** Meets every skill level and the task's minimum reputation (the claim gate's own rules). */
  readonly qualified: boolean;
  readonly components: MatchComponents;
  readonly weights: MatchWeights;
  readonly skillGaps: readonly SkillGap[];
}

export interface MatchOptions {
  readonly weights?: MatchWeights;
  /** Rank freelancers (or tasks) that fail the skill or reputation gate too, after the others. */
  readonly includeUnqualified?: boolean;
  /** Keep only the first n. */
  readonly limit?: number;
}

const COMPONENTS = ['coverage', 'level', 'reputation', 'rate', 'availability'] as const;

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

function checkedWeights(weights: MatchWeights): MatchWeights {
  for (const name of COMPONENTS) {
    if (!Number.isFinite(weights[name]) || weights[name] < 0) {
      throw DomainError.badInput(`Match weight ${name} must be zero or more`, {
        field: name,
        value: weights[name],
      });
    }
  }
  if (COMPONENTS.every((name) => weights[name] === 0)) {
    throw DomainError.badInput('At least one match weight must be more than 0');
  }
  return weights;
}

function components(task: MatchTask, freelancer: MatchFreelancer): MatchComponents {
  const levels = skillLevels(freelancer.skills);
  const required = new Map<string, number>();
  for (const { skill, minLevel } of task.skills) {
    const key = skillKey(skill);
    required.set(key, Math.max(minLevel, required.get(key) ?? 0));
  }
  let covered = 0;
  let levelSum = 0;
  for (const [skill, minLevel] of required) {
    const level = levels.get(skill);
    if (level === undefined) continue;
    covered += 1;
    levelSum += Math.min(1, level / minLevel);
  }
  const n = required.size;
  const free = Math.max(0, freelancer.weeklyHours - freelancer.committedHours);
  return {
    coverage: n === 0 ? 1 : covered / n,
    level: n === 0 ? 1 : levelSum / n,
    reputation: clamp01((freelancer.reputation - 1) / 4),
    rate:
      freelancer.hourlyRateCents <= 0
        ? 1
        : clamp01(task.hourlyRateCents / freelancer.hourlyRateCents),
    availability: task.likelyHours <= 0 ? (free > 0 ? 1 : 0) : clamp01(free / task.likelyHours),
  };
}

/**
 * How well a freelancer fits a task, with the components and weights that
 * make the score, so a recommendation can say why. Pure and deterministic.
 */
export function scoreMatch(
  task: MatchTask,
  freelancer: MatchFreelancer,
  weights: MatchWeights = DEFAULT_MATCH_WEIGHTS,
): MatchScore {
  const w = checkedWeights(weights);
  const c = components(task, freelancer);
  const totalWeight = COMPONENTS.reduce((sum, name) => sum + w[name], 0);
  const score = COMPONENTS.reduce((sum, name) => sum + w[name] * c[name], 0) / totalWeight;
  const gaps = skillGaps(freelancer.skills, task.skills);
  const minReputation = task.minReputation ?? null;
  return {
    taskId: task.id,
    freelancerId: freelancer.id,
    score: round4(score),
    qualified:
      gaps.length === 0 && (minReputation === null || freelancer.reputation >= minReputation),
    components: {
      coverage: round4(c.coverage),
      level: round4(c.level),
      reputation: round4(c.reputation),
      rate: round4(c.rate),
      availability: round4(c.availability),
    },
    weights: w,
    skillGaps: gaps,
  };
}

function rank(
  scores: MatchScore[],
  tieBreak: (a: MatchScore, b: MatchScore) => number,
  options: MatchOptions,
): MatchScore[] {
  const kept = options.includeUnqualified ? scores : scores.filter((s) => s.qualified);
  kept.sort(
    (a, b) => Number(b.qualified) - Number(a.qualified) || b.score - a.score || tieBreak(a, b),
  );
  return options.limit === undefined ? kept : kept.slice(0, Math.max(0, options.limit));
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Qualified freelancers for a task, best first; ties by freelancer id. */
export function rankFreelancersForTask(
  task: MatchTask,
  freelancers: readonly MatchFreelancer[],
  options: MatchOptions = {},
): MatchScore[] {
  return rank(
    freelancers.map((f) => scoreMatch(task, f, options.weights)),
    (a, b) => byId(a.freelancerId, b.freelancerId),
    options,
  );
}

/** Tasks a freelancer qualifies for, best fit first; ties by task id. */
export function rankTasksForFreelancer(
  freelancer: MatchFreelancer,
  tasks: readonly MatchTask[],
  options: MatchOptions = {},
): MatchScore[] {
  return rank(
    tasks.map((t) => scoreMatch(t, freelancer, options.weights)),
    (a, b) => byId(a.taskId, b.taskId),
    options,
  );
}
