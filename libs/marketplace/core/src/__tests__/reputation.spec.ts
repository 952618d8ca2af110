import fc from 'fast-check';
import { ErrorCode } from '@splitwork/kernel';
import {
  AssignmentRecord,
  bayesianAverage,
  computeReputation,
  estimateCalibration,
  HoursSample,
  resolveCalibrationPolicy,
  resolveReputationPolicy,
} from '../reputation';

function record(overrides: Partial<AssignmentRecord> = {}): AssignmentRecord {
  return {
    skills: ['react'],
    result: 'APPROVED',
    reviewScore: 5,
    ownerRating: null,
    onTime: true,
    submissions: 1,
    estimatedHours: 4,
    actualHours: 4,
    ...overrides,
  };
}

const policy = resolveReputationPolicy({ priorMean: 3, priorWeight: 2, ownerRatingWeight: 1 });

describe('computeReputation', () => {
  it('gives a newcomer the prior mean and no rates', () => {
    expect(computeReputation([], policy)).toEqual({
      overall: {
        score: 3,
        reviewScores: 0,
        ownerRatings: 0,
        ratingMean: null,
        priorMean: 3,
        priorWeight: 2,
        assignments: 0,
        onTimeRate: null,
        revisionRate: null,
      },
      skills: [],
    });
  });

  it('pulls few ratings towards the prior and many towards their mean', () => {
    const one = computeReputation([record({ reviewScore: 5 })], policy);
    expect(one.overall.score).toBeCloseTo((3 * 2 + 5) / 3, 10);
    const many = computeReputation(
      Array.from({ length: 50 }, () => record({ reviewScore: 5 })),
      policy,
    );
    expect(many.overall.score).toBeCloseTo((3 * 2 + 5 * 50) / 52, 10);
    expect(many.overall.ratingMean).toBe(5);
  });

  it('counts review scores and owner ratings, per skill and overall', () => {
    const reputation = computeReputation(
      [
        record({ skills: ['React', 'typescript'], reviewScore: 4, ownerRating: 5 }),
        record({ skills: ['figma'], reviewScore: 2, ownerRating: null }),
      ],
      policy,
    );
    expect(reputation.overall).toMatchObject({ reviewScores: 2, ownerRatings: 1, assignments: 2 });
    expect(reputation.overall.score).toBeCloseTo((6 + 4 + 5 + 2) / 5, 10);
    expect(reputation.skills.map((s) => [s.skill, s.reviewScores, s.ownerRatings])).toEqual([
      ['figma', 1, 0],
      ['react', 1, 1],
      ['typescript', 1, 1],
    ]);
    expect(reputation.skills[1].score).toBeCloseTo((6 + 4 + 5) / 4, 10);
  });

  it('weighs owner ratings as configured', () => {
    const heavy = resolveReputationPolicy({ priorMean: 3, priorWeight: 0, ownerRatingWeight: 3 });
    const reputation = computeReputation([record({ reviewScore: 2, ownerRating: 4 })], heavy);
    expect(reputation.overall.score).toBeCloseTo((2 + 4 * 3) / 4, 10);
  });

  it('counts expired claims as late and leaves released claims out of the on-time rate', () => {
    const reputation = computeReputation(
      [
        record({ onTime: true }),
        record({ result: 'REJECTED', reviewScore: 1, onTime: false }),
        record({ result: 'EXPIRED', reviewScore: null, submissions: 0, actualHours: null }),
        record({ result: 'RELEASED', reviewScore: null, submissions: 0, actualHours: null }),
      ],
      policy,
    );
    expect(reputation.overall.onTimeRate).toBeCloseTo(1 / 3, 10);
    expect(reputation.overall.assignments).toBe(4);
  });

  it('gives the share of delivered work that needed changes as the revision rate', () => {
    const reputation = computeReputation(
      [
        record({ submissions: 1 }),
        record({ submissions: 3 }),
        record({ submissions: 2 }),
        record(),
      ],
      policy,
    );
    expect(reputation.overall.revisionRate).toBe(0.5);
  });

  it('refuses ratings outside 1–5', () => {
    expect(() => computeReputation([record({ reviewScore: 6 })], policy)).toThrow(
      expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }),
    );
    expect(() => computeReputation([record({ ownerRating: 0 })], policy)).toThrow(
      expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }),
    );
    expect(() => resolveReputationPolicy({ priorMean: 7 })).toThrow(
      expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }),
    );
  });

  it('keeps every score between the prior and the ratings, within 1–5', () => {
    const rating = fc.integer({ min: 1, max: 5 });
    fc.assert(
      fc.property(
        fc.array(fc.record({ reviewScore: rating, ownerRating: fc.option(rating) }), {
          maxLength: 30,
        }),
        (rows) => {
          const { overall } = computeReputation(
            rows.map((r) => record(r)),
            policy,
          );
          const values = [
            policy.priorMean,
            ...rows.flatMap((r) => [r.reviewScore, r.ownerRating ?? r.reviewScore]),
          ];
          expect(overall.score).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
          expect(overall.score).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
        },
      ),
    );
  });
});

describe('bayesianAverage', () => {
  it('is the prior without values and the plain mean without a prior', () => {
    expect(bayesianAverage([], 3.5, 5)).toBe(3.5);
    expect(
      bayesianAverage(
        [
          { value: 2, weight: 1 },
          { value: 4, weight: 1 },
        ],
        0,
        0,
      ),
    ).toBe(3);
  });
});

describe('estimateCalibration', () => {
  const samples = (skill: string, ratios: number[]): HoursSample[] =>
    ratios.map((r) => ({ skills: [skill], estimatedHours: 4, actualHours: 4 * r }));

  it('gives no factor below the minimum number of samples, but shows the count', () => {
    const estimate = estimateCalibration(samples('react', [1.5, 1.5, 1.5, 1.5]));
    expect(estimate.factors).toEqual({});
    expect(estimate.skills).toEqual([
      { skill: 'react', samples: 4, rawFactor: null, factor: null, clamped: false },
    ]);
  });

  it('takes the median ratio of actual to estimated hours once there are enough samples', () => {
    const estimate = estimateCalibration(samples('React', [1.2, 0.9, 1.3, 5, 1.25]));
    expect(estimate.factors).toEqual({ react: 1.25 });
    expect(estimate.skills[0]).toMatchObject({ samples: 5, rawFactor: 1.25, clamped: false });
  });

  it('can take a trimmed mean instead', () => {
    const trimmed = resolveCalibrationPolicy({
      method: 'trimmed-mean',
      trimFraction: 0.2,
      minSamples: 5,
    });
    const estimate = estimateCalibration(samples('react', [0.1, 1, 1.2, 1.4, 9]), trimmed);
    expect(estimate.factors.react).toBeCloseTo(1.2, 10);
  });

  it('clamps the factor to the configured bounds and says so', () => {
    const estimate = estimateCalibration(samples('figma', [4, 4, 4, 4, 4]));
    expect(estimate.factors).toEqual({ figma: 2 });
    expect(estimate.skills[0]).toMatchObject({ rawFactor: 4, factor: 2, clamped: true });
  });

  it('counts a sample for each skill of its task and skips samples without hours', () => {
    const history: HoursSample[] = [
      ...Array.from({ length: 5 }, () => ({
        skills: ['nestjs', 'typescript'],
        estimatedHours: 2,
        actualHours: 3,
      })),
      { skills: ['nestjs'], estimatedHours: 2, actualHours: null },
      { skills: ['nestjs'], estimatedHours: 0, actualHours: 3 },
    ];
    expect(estimateCalibration(history).factors).toEqual({ nestjs: 1.5, typescript: 1.5 });
  });

  it('always stays within bounds the planner accepts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 5, maxLength: 30 }),
        (ratios) => {
          const { factors } = estimateCalibration(samples('react', ratios));
          expect(factors.react).toBeGreaterThanOrEqual(0.5);
          expect(factors.react).toBeLessThanOrEqual(2);
        },
      ),
    );
  });

  it('refuses bounds the planner would not accept', () => {
    expect(() => resolveCalibrationPolicy({ maxFactor: 11 })).toThrow(
      expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }),
    );
    expect(() => resolveCalibrationPolicy({ minFactor: 0 })).toThrow(
      expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }),
    );
    expect(() => resolveCalibrationPolicy({ trimFraction: 0.5 })).toThrow(
      expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }),
    );
  });
});
