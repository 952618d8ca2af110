import { DomainError } from '@splitwork/kernel';
import { scaleEstimate } from './estimate';
import { Estimate, Plan } from './plan.types';

/** Multipliers learned from past work, per skill name: 1.2 means such work took 20 % longer. */
export type CalibrationFactors = Readonly<Record<string, number>>;

export interface CalibrationAdjustment {
  readonly taskKey: string;
  /** The factor applied: the mean of the factors of the task's calibrated skills. */
  readonly factor: number;
  readonly skills: readonly string[];
  readonly before: Estimate;
  readonly after: Estimate;
}

export interface CalibrationResult {
  readonly plan: Plan;
  readonly adjustments: readonly CalibrationAdjustment[];
}

/** The largest calibration factor accepted: beyond it a learned factor is noise, not signal. */
export const MAX_CALIBRATION_FACTOR = 10;

function normalisedFactors(factors: CalibrationFactors): Map<string, number> {
  const map = new Map<string, number>();
  for (const [skill, factor] of Object.entries(factors)) {
    if (!Number.isFinite(factor) || factor <= 0 || factor > MAX_CALIBRATION_FACTOR) {
      throw DomainError.badInput(
        `Calibration factor for "${skill}" must be more than 0 and at most ${MAX_CALIBRATION_FACTOR}`,
        { skill, factor },
      );
    }
    map.set(skill.trim().toLowerCase(), factor);
  }
  return map;
}

/**
 * Scales each task's three-point estimate by the mean correction factor of
 * its skills that have one (skill names compared case-insensitively), in
 * quarter hours. Locked tasks and tasks without a calibrated skill are left
 * alone. Returns the new plan and what changed; the result may leave the
 * size band, so callers re-apply it.
 */
export function applyCalibration(plan: Plan, factors: CalibrationFactors): CalibrationResult {
  const bySkill = normalisedFactors(factors);
  const adjustments: CalibrationAdjustment[] = [];
  const tasks = plan.tasks.map((task) => {
    if (task.locked) return task;
    const matched = task.skills
      .map((s) => s.skill.trim().toLowerCase())
      .filter((name, i, all) => bySkill.has(name) && all.indexOf(name) === i);
    if (matched.length === 0) return task;
    const factor =
      matched.reduce((sum, name) => sum + (bySkill.get(name) ?? 1), 0) / matched.length;
    const after = scaleEstimate(task.estimate, factor);
    const unchanged =
      after.optimistic === task.estimate.optimistic &&
      after.likely === task.estimate.likely &&
      after.pessimistic === task.estimate.pessimistic;
    if (unchanged) return task;
    adjustments.push({ taskKey: task.key, factor, skills: matched, before: task.estimate, after });
    return { ...task, estimate: after };
  });
  return { plan: { ...plan, tasks }, adjustments };
}
