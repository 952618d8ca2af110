import { DomainError } from '@splitwork/kernel';
import { MAX_CALIBRATION_FACTOR, type CalibrationFactors } from '@splitwork/planning-core';
import { skillKey } from './skills.util';

/** How an assignment (one freelancer holding one task) ended. */
export type AssignmentResult = 'APPROVED' | 'REJECTED' | 'EXPIRED' | 'RELEASED';

/** One finished assignment of a freelancer, the unit of reputation. */
export interface AssignmentRecord {
  /** The task's skills. */
  readonly skills: readonly string[];
  readonly result: AssignmentResult;
  /** The overall score (1–5) of the final review (approve or reject); null if none (auto-approved, expired, released). */
  readonly reviewScore: number | null;
  /** The owner's rating (1–5) of the finished work, or null. */
  readonly ownerRating: number | null;
  /** Delivered (approved or rejected) with every submission before its claim deadline. */
  readonly onTime: boolean;
  /** Submissions made: 1 when the first one was final. */
  readonly submissions: number;
  /** The task's likely estimate. */
  readonly estimatedHours: number;
  /** Hours the freelancer reported, or null. */
  readonly actualHours: number | null;
}

export interface ReputationPolicy {
  /** What a freelancer without ratings scores, on the 1–5 scale. */
  readonly priorMean: number;
  /** How many ratings the prior counts as. */
  readonly priorWeight: number;
  /** An owner rating counts as this many review scores. */
  readonly ownerRatingWeight: number;
}

export const DEFAULT_REPUTATION_POLICY: ReputationPolicy = {
  priorMean: 3.5,
  priorWeight: 5,
  ownerRatingWeight: 1,
};

/** A score with what it is made of, so the freelancer can see how it came about. */
export interface ScoreBreakdown {
  /** (priorMean × priorWeight + Σ weight × rating) / (priorWeight + Σ weight) */
  readonly score: number;
  readonly reviewScores: number;
  readonly ownerRatings: number;
  /** The plain weighted mean of the ratings, or null without any. */
  readonly ratingMean: number | null;
  readonly priorMean: number;
  readonly priorWeight: number;
}

export interface ReputationFigures extends ScoreBreakdown {
  /** Assignments counted (including expired and released ones). */
  readonly assignments: number;
  /** Delivered on time / (delivered + expired); released claims are left out. Null without any. */
  readonly onTimeRate: number | null;
  /** Share of delivered assignments that needed more than one submission. Null without any. */
  readonly revisionRate: number | null;
}

export interface SkillReputation extends ReputationFigures {
  readonly skill: string;
}

export interface Reputation {
  /** Over all assignments, each counted once. */
  readonly overall: ReputationFigures;
  /** Per skill (lower-cased, sorted); an assignment counts for each of its task's skills. */
  readonly skills: readonly SkillReputation[];
}

export const MIN_RATING = 1;
export const MAX_RATING = 5;

export interface WeightedValue {
  readonly value: number;
  readonly weight: number;
}

/** (priorMean × priorWeight + Σ w·v) / (priorWeight + Σ w): the prior pulls thin evidence towards it. */
export function bayesianAverage(
  values: readonly WeightedValue[],
  priorMean: number,
  priorWeight: number,
): number {
  let sum = priorMean * priorWeight;
  let weight = priorWeight;
  for (const v of values) {
    sum += v.value * v.weight;
    weight += v.weight;
  }
  return weight === 0 ? priorMean : sum / weight;
}

export function resolveReputationPolicy(input: Partial<ReputationPolicy> = {}): ReputationPolicy {
  const policy: ReputationPolicy = { ...DEFAULT_REPUTATION_POLICY, ...input };
  if (
    !Number.isFinite(policy.priorMean) ||
    policy.priorMean < MIN_RATING ||
    policy.priorMean > MAX_RATING
  ) {
    throw DomainError.badInput(
      `Reputation policy: priorMean must be from ${MIN_RATING} to ${MAX_RATING}`,
      { field: 'priorMean', value: policy.priorMean },
    );
  }
  for (const field of ['priorWeight', 'ownerRatingWeight'] as const) {
    if (!Number.isFinite(policy[field]) || policy[field] < 0) {
      throw DomainError.badInput(`Reputation policy: ${field} must be zero or more`, {
        field,
        value: policy[field],
      });
    }
  }
  return policy;
}

function assertRating(value: number | null, field: string): void {
  if (value === null) return;
  if (!Number.isFinite(value) || value < MIN_RATING || value > MAX_RATING) {
    throw DomainError.badInput(`${field} must be from ${MIN_RATING} to ${MAX_RATING}`, {
      field,
      value,
    });
  }
}

function assertRecord(record: AssignmentRecord): void {
  assertRating(record.reviewScore, 'reviewScore');
  assertRating(record.ownerRating, 'ownerRating');
  if (!Number.isInteger(record.submissions) || record.submissions < 0) {
    throw DomainError.badInput('submissions must be a whole number from 0', {
      field: 'submissions',
      value: record.submissions,
    });
  }
}

function isDelivered(record: AssignmentRecord): boolean {
  return record.result === 'APPROVED' || record.result === 'REJECTED';
}

function figures(
  records: readonly AssignmentRecord[],
  policy: ReputationPolicy,
): ReputationFigures {
  const ratings: WeightedValue[] = [];
  let reviewScores = 0;
  let ownerRatings = 0;
  let delivered = 0;
  let deliveredOnTime = 0;
  let expired = 0;
  let revised = 0;
  for (const record of records) {
    if (record.reviewScore !== null) {
      ratings.push({ value: record.reviewScore, weight: 1 });
      reviewScores += 1;
    }
    if (record.ownerRating !== null && policy.ownerRatingWeight > 0) {
      ratings.push({ value: record.ownerRating, weight: policy.ownerRatingWeight });
      ownerRatings += 1;
    }
    if (isDelivered(record)) {
      delivered += 1;
      if (record.onTime) deliveredOnTime += 1;
      if (record.submissions > 1) revised += 1;
    } else if (record.result === 'EXPIRED') {
      expired += 1;
    }
  }
  const ratingWeight = ratings.reduce((sum, r) => sum + r.weight, 0);
  return {
    score: bayesianAverage(ratings, policy.priorMean, policy.priorWeight),
    reviewScores,
    ownerRatings,
    ratingMean: ratingWeight === 0 ? null : bayesianAverage(ratings, 0, 0),
    priorMean: policy.priorMean,
    priorWeight: policy.priorWeight,
    assignments: records.length,
    onTimeRate: delivered + expired === 0 ? null : deliveredOnTime / (delivered + expired),
    revisionRate: delivered === 0 ? null : revised / delivered,
  };
}

/**
 * A freelancer's reputation, overall and per skill, with every figure that
 * makes it up (nothing hidden). The score is a Bayesian average of final
 * review scores and owner ratings: a newcomer starts at the prior mean and
 * moves away from it as ratings come in. Revisions are not scored twice: an
 * assignment brings its final review score, and the revision rate shows how
 * often changes were needed.
 */
export function computeReputation(
  records: readonly AssignmentRecord[],
  policy: ReputationPolicy = DEFAULT_REPUTATION_POLICY,
): Reputation {
  records.forEach(assertRecord);
  const bySkill = new Map<string, AssignmentRecord[]>();
  for (const record of records) {
    for (const skill of new Set(record.skills.map(skillKey))) {
      if (skill === '') continue;
      const list = bySkill.get(skill) ?? [];
      list.push(record);
      bySkill.set(skill, list);
    }
  }
  const skills = [...bySkill.keys()]
    .sort()
    .map((skill) => ({ skill, ...figures(bySkill.get(skill) ?? [], policy) }));
  return { overall: figures(records, policy), skills };
}

/** Actual against estimated hours of approved work, for calibration. */
export interface HoursSample {
  readonly skills: readonly string[];
  readonly estimatedHours: number;
  readonly actualHours: number | null;
}

export interface CalibrationPolicy {
  /** Samples a skill needs before it gets a factor. */
  readonly minSamples: number;
  readonly method: 'median' | 'trimmed-mean';
  /** For the trimmed mean: the share cut off at each end (0 ≤ x < 0.5). */
  readonly trimFraction: number;
  readonly minFactor: number;
  /** At most `MAX_CALIBRATION_FACTOR`, the most the planner's `applyCalibration` accepts. */
  readonly maxFactor: number;
}

export const DEFAULT_CALIBRATION_POLICY: CalibrationPolicy = {
  minSamples: 5,
  method: 'median',
  trimFraction: 0.1,
  minFactor: 0.5,
  maxFactor: 2,
};

export interface SkillCalibration {
  readonly skill: string;
  readonly samples: number;
  /** The median or trimmed mean of actual / estimated, before clamping; null below minSamples. */
  readonly rawFactor: number | null;
  /** The factor applied: clamped, rounded to 0.01 (within the bounds); null below minSamples. */
  readonly factor: number | null;
  readonly clamped: boolean;
}

export interface CalibrationEstimate {
  /** Only the skills with enough samples: the input of the planner's `applyCalibration`. */
  readonly factors: CalibrationFactors;
  /** Every skill seen, sorted, with its sample count, for the plan to show. */
  readonly skills: readonly SkillCalibration[];
}

export function resolveCalibrationPolicy(
  input: Partial<CalibrationPolicy> = {},
): CalibrationPolicy {
  const policy: CalibrationPolicy = { ...DEFAULT_CALIBRATION_POLICY, ...input };
  const bad = (field: keyof CalibrationPolicy, rule: string): never => {
    throw DomainError.badInput(`Calibration policy: ${field} ${rule}`, {
      field,
      value: policy[field],
    });
  };
  if (!Number.isInteger(policy.minSamples) || policy.minSamples < 1) {
    bad('minSamples', 'must be a whole number from 1');
  }
  if (
    !Number.isFinite(policy.trimFraction) ||
    policy.trimFraction < 0 ||
    policy.trimFraction >= 0.5
  ) {
    bad('trimFraction', 'must be at least 0 and below 0.5');
  }
  if (!Number.isFinite(policy.minFactor) || policy.minFactor <= 0) {
    bad('minFactor', 'must be more than 0');
  }
  if (
    !Number.isFinite(policy.maxFactor) ||
    policy.maxFactor < policy.minFactor ||
    policy.maxFactor > MAX_CALIBRATION_FACTOR
  ) {
    bad('maxFactor', `must be from minFactor to ${MAX_CALIBRATION_FACTOR}`);
  }
  return policy;
}

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function trimmedMean(sorted: readonly number[], fraction: number): number {
  const cut = Math.floor(sorted.length * fraction);
  const kept = sorted.slice(cut, sorted.length - cut);
  return kept.reduce((sum, x) => sum + x, 0) / kept.length;
}

/**
 * Per skill, how much longer (> 1) or shorter (< 1) work took than its likely
 * estimate: the median (or trimmed mean) of actual / estimated over approved
 * work, once the skill has `minSamples`, clamped to [minFactor, maxFactor].
 * A sample counts for each skill of its task, as `applyCalibration` applies
 * the mean factor of a task's skills. Samples without positive hours on both
 * sides are skipped.
 */
export function estimateCalibration(
  history: readonly HoursSample[],
  policy: CalibrationPolicy = DEFAULT_CALIBRATION_POLICY,
): CalibrationEstimate {
  const ratios = new Map<string, number[]>();
  for (const sample of history) {
    const { estimatedHours, actualHours } = sample;
    if (actualHours === null || !(estimatedHours > 0) || !(actualHours > 0)) continue;
    if (!Number.isFinite(estimatedHours) || !Number.isFinite(actualHours)) continue;
    for (const skill of new Set(sample.skills.map(skillKey))) {
      if (skill === '') continue;
      const list = ratios.get(skill) ?? [];
      list.push(actualHours / estimatedHours);
      ratios.set(skill, list);
    }
  }
  const factors: Record<string, number> = {};
  const skills: SkillCalibration[] = [];
  for (const skill of [...ratios.keys()].sort()) {
    const sorted = [...(ratios.get(skill) ?? [])].sort((a, b) => a - b);
    if (sorted.length < policy.minSamples) {
      skills.push({ skill, samples: sorted.length, rawFactor: null, factor: null, clamped: false });
      continue;
    }
    const rawFactor =
      policy.method === 'median' ? median(sorted) : trimmedMean(sorted, policy.trimFraction);
    const bounded = Math.min(policy.maxFactor, Math.max(policy.minFactor, rawFactor));
    const factor = Math.min(
      policy.maxFactor,
      Math.max(policy.minFactor, Math.round(bounded * 100) / 100),
    );
    factors[skill] = factor;
    skills.push({
      skill,
      samples: sorted.length,
      rawFactor,
      factor,
      clamped: bounded !== rawFactor,
    });
  }
  return { factors, skills };
}
