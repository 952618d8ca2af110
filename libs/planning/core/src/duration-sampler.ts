import { Estimate } from './plan.types';
import { Random } from './prng';

export type DurationDistribution = 'pert' | 'triangular';

/** Draws a duration in hours from a three-point estimate. */
export type DurationSampler = (random: Random) => number;

/** Points of the tabulated quantile function; linear interpolation in between. */
const QUANTILE_POINTS = 513;
/** Grid used to integrate the density once per estimate. */
const DENSITY_STEPS = 2048;

/**
 * Quantiles of Beta(α, β) for α, β >= 1 at evenly spaced probabilities,
 * from the density integrated on a fine grid (trapezoid rule). Built once per
 * estimate, it makes each draw a single uniform number and a table lookup.
 */
function betaQuantiles(alpha: number, beta: number): Float64Array {
  const cdf = new Float64Array(DENSITY_STEPS + 1);
  const density = (x: number): number => x ** (alpha - 1) * (1 - x) ** (beta - 1);
  let previous = density(0);
  for (let i = 1; i <= DENSITY_STEPS; i++) {
    const current = density(i / DENSITY_STEPS);
    cdf[i] = cdf[i - 1] + (previous + current) / 2;
    previous = current;
  }
  const total = cdf[DENSITY_STEPS];
  const quantiles = new Float64Array(QUANTILE_POINTS);
  let step = 0;
  for (let k = 0; k < QUANTILE_POINTS; k++) {
    const target = (k / (QUANTILE_POINTS - 1)) * total;
    while (step < DENSITY_STEPS && cdf[step + 1] < target) step++;
    if (step >= DENSITY_STEPS) {
      quantiles[k] = 1;
      continue;
    }
    const span = cdf[step + 1] - cdf[step];
    const within = span > 0 ? (target - cdf[step]) / span : 0;
    quantiles[k] = (step + within) / DENSITY_STEPS;
  }
  return quantiles;
}

/**
 * A sampler for one estimate. PERT: Beta(α, β) scaled to [o, p] with
 * α = 1 + 4(l − o)/(p − o) and β = 1 + 4(p − l)/(p − o), whose mean is the
 * PERT expected value (o + 4l + p) / 6. Triangular: inverse CDF with mode l.
 * Both use exactly one uniform number per draw. Estimates with the same
 * shape share one quantile table through `quantileCache`.
 */
export function durationSampler(
  estimate: Estimate,
  distribution: DurationDistribution,
  quantileCache: Map<string, Float64Array> = new Map(),
): DurationSampler {
  const { optimistic: a, likely: m, pessimistic: b } = estimate;
  const range = b - a;
  if (range <= 0) return () => m;
  if (distribution === 'triangular') {
    const split = (m - a) / range;
    return (random) => {
      const u = random();
      return u < split
        ? a + Math.sqrt(u * range * (m - a))
        : b - Math.sqrt((1 - u) * range * (b - m));
    };
  }
  const alpha = 1 + (4 * (m - a)) / range;
  const beta = 1 + (4 * (b - m)) / range;
  const cacheKey = `${alpha}:${beta}`;
  let quantiles = quantileCache.get(cacheKey);
  if (!quantiles) {
    quantiles = betaQuantiles(alpha, beta);
    quantileCache.set(cacheKey, quantiles);
  }
  const table = quantiles;
  const last = QUANTILE_POINTS - 1;
  return (random) => {
    const position = random() * last;
    const index = Math.floor(position);
    const lower = table[index];
    const upper = table[Math.min(last, index + 1)];
    return a + (lower + (upper - lower) * (position - index)) * range;
  };
}
