import { Estimate } from './plan.types';

/** Estimates are kept in quarter hours so sums stay exact. */
export const QUARTER_HOUR = 0.25;

export function roundToQuarterHour(hours: number): number {
  return Math.round(hours * 4) / 4;
}

/** PERT expected duration: (o + 4l + p) / 6. */
export function pertExpectedHours(estimate: Estimate): number {
  return (estimate.optimistic + 4 * estimate.likely + estimate.pessimistic) / 6;
}

export function isWellFormedEstimate(estimate: Estimate): boolean {
  const { optimistic, likely, pessimistic } = estimate;
  return (
    [optimistic, likely, pessimistic].every((h) => Number.isFinite(h) && h >= 0) &&
    optimistic <= likely &&
    likely <= pessimistic
  );
}

/** Restores o <= l <= p around the given likely value. */
export function orderedEstimate(optimistic: number, likely: number, pessimistic: number): Estimate {
  return {
    optimistic: Math.min(optimistic, likely),
    likely,
    pessimistic: Math.max(pessimistic, likely),
  };
}

/** Multiplies all three points, rounding to quarter hours and never going below one quarter hour. */
export function scaleEstimate(estimate: Estimate, factor: number): Estimate {
  const scale = (h: number): number => Math.max(QUARTER_HOUR, roundToQuarterHour(h * factor));
  return orderedEstimate(
    scale(estimate.optimistic),
    scale(estimate.likely),
    scale(estimate.pessimistic),
  );
}

export function sumEstimates(estimates: readonly Estimate[]): Estimate {
  return estimates.reduce<Estimate>(
    (sum, e) => ({
      optimistic: sum.optimistic + e.optimistic,
      likely: sum.likely + e.likely,
      pessimistic: sum.pessimistic + e.pessimistic,
    }),
    { optimistic: 0, likely: 0, pessimistic: 0 },
  );
}

/** Moves the likely value into [min, max], keeping the order of the three points. */
export function clampEstimate(estimate: Estimate, minHours: number, maxHours: number): Estimate {
  const likely = Math.min(maxHours, Math.max(minHours, estimate.likely));
  return orderedEstimate(estimate.optimistic, likely, estimate.pessimistic);
}
