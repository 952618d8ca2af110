import { durationSampler } from '../duration-sampler';
import { pertExpectedHours } from '../estimate';
import { mulberry32 } from '../prng';

function draw(
  distribution: 'pert' | 'triangular',
  estimate = { optimistic: 2, likely: 4, pessimistic: 12 },
) {
  const sample = durationSampler(estimate, distribution);
  const random = mulberry32(42);
  return Array.from({ length: 40_000 }, () => sample(random)).sort((x, y) => x - y);
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('durationSampler', () => {
  it('draws PERT durations within the range, averaging the PERT expected value', () => {
    const samples = draw('pert');

    expect(samples[0]).toBeGreaterThanOrEqual(2);
    expect(samples[samples.length - 1]).toBeLessThanOrEqual(12);
    expect(mean(samples)).toBeCloseTo(
      pertExpectedHours({ optimistic: 2, likely: 4, pessimistic: 12 }),
      1,
    );
  });

  it('draws a symmetric PERT estimate around its likely value', () => {
    const samples = draw('pert', { optimistic: 2, likely: 5, pessimistic: 8 });

    expect(samples[samples.length / 2]).toBeCloseTo(5, 1);
  });

  it('draws triangular durations averaging (o + l + p) / 3', () => {
    const samples = draw('triangular');

    expect(samples[0]).toBeGreaterThanOrEqual(2);
    expect(samples[samples.length - 1]).toBeLessThanOrEqual(12);
    expect(mean(samples)).toBeCloseTo(6, 1);
  });

  it('always returns the likely value of a point estimate', () => {
    const sample = durationSampler({ optimistic: 3, likely: 3, pessimistic: 3 }, 'pert');

    expect(sample(mulberry32(1))).toBe(3);
  });
});
