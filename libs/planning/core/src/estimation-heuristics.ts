import { Complexity, WorkKind } from './feature-catalog';
import { Estimate, Requirement, SkillLevel } from './plan.types';
import { QUARTER_HOUR, roundToQuarterHour } from './estimate';
import { wordCount } from './text.util';

/** Likely hours of one kind of work for a feature of medium complexity asked for in one line. */
const BASE_LIKELY_HOURS: Readonly<Record<WorkKind, number>> = {
  'data-model': 3,
  api: 6,
  design: 4,
  web: 6,
  ios: 7,
  android: 7,
  qa: 3,
  ops: 4,
};

const COMPLEXITY_FACTOR: Readonly<Record<Complexity, number>> = {
  1: 0.5,
  2: 0.7,
  3: 1,
  4: 1.35,
  5: 1.75,
};

const MAX_SCOPE_FACTOR = 4;

/**
 * How much the brief asks of a feature: more lines and more words mean more
 * work. One short line gives 1; the factor grows by 0.2 per line and by one
 * per 150 words, up to 4.
 */
export function scopeFactor(requirements: readonly Requirement[]): number {
  const words = requirements.reduce((sum, r) => sum + wordCount(r.text), 0);
  const raw = 0.8 + 0.2 * requirements.length + words / 150;
  return Math.min(MAX_SCOPE_FACTOR, Math.max(1, raw));
}

/** Three points around a likely value; riskier (more complex) work has a longer tail. */
export function threePointEstimate(likely: number, complexity: Complexity): Estimate {
  const l = Math.max(0.5, Math.round(likely * 2) / 2);
  return {
    optimistic: Math.max(QUARTER_HOUR, roundToQuarterHour(l * 0.6)),
    likely: l,
    pessimistic: roundToQuarterHour(l * (1.5 + 0.1 * complexity)),
  };
}

export function estimateWork(
  kind: WorkKind,
  complexity: Complexity,
  requirements: readonly Requirement[],
): Estimate {
  const likely =
    BASE_LIKELY_HOURS[kind] * COMPLEXITY_FACTOR[complexity] * scopeFactor(requirements);
  return threePointEstimate(likely, complexity);
}

/** The minimum skill level the work asks for. */
export function skillLevelFor(complexity: Complexity): SkillLevel {
  if (complexity <= 2) return 2;
  if (complexity <= 4) return 3;
  return 4;
}

/** Feature-specific skills (Stripe, HealthKit...) ask for a level more on complex features. */
export function specialistLevelFor(complexity: Complexity): SkillLevel {
  if (complexity <= 2) return 2;
  if (complexity === 3) return 3;
  if (complexity === 4) return 4;
  return 5;
}
