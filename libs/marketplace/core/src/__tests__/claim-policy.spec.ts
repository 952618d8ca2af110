import fc from 'fast-check';
import { DomainError, ErrorCode } from '@splitwork/kernel';
import {
  assertCanClaim,
  ClaimContext,
  claimDeadline,
  claimDurationHours,
  claimRefusals,
  coolDownUntil,
  DEFAULT_CLAIM_POLICY,
  resolveClaimPolicy,
} from '../claim-policy';
import { ClaimRefusedError } from '../marketplace.errors';

const now = new Date('2026-03-02T09:00:00Z');
const hoursLater = (h: number): Date => new Date(now.getTime() + h * 3_600_000);

const policy = resolveClaimPolicy({
  deadlineMultiple: 4,
  minDeadlineHours: 24,
  maxDeadlineHours: 72,
  maxActiveClaims: 2,
  coolDownHours: 48,
});

function context(overrides: Partial<ClaimContext> = {}): ClaimContext {
  return {
    claimant: {
      freelancerId: 'ana',
      skills: [
        { skill: 'React', level: 4 },
        { skill: 'typescript', level: 3 },
      ],
      reputation: 4.2,
      organizationIds: ['acme'],
    },
    task: {
      skills: [
        { skill: 'react', minLevel: 3 },
        { skill: 'TypeScript', minLevel: 3 },
      ],
      minReputation: 4,
    },
    activeClaims: 1,
    coolDownUntil: null,
    now,
    ...overrides,
  };
}

function refusal(ctx: ClaimContext): DomainError {
  try {
    assertCanClaim(ctx, policy);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('claim deadline', () => {
  it('is a multiple of the likely hours, clamped to the bounds', () => {
    expect(claimDurationHours(2, policy)).toBe(24);
    expect(claimDurationHours(8, policy)).toBe(32);
    expect(claimDurationHours(40, policy)).toBe(72);
    expect(claimDeadline(8, now, policy)).toEqual(hoursLater(32));
  });

  it('stays within the bounds for any estimate', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1_000, noNaN: true }), (likely) => {
        const hours = claimDurationHours(likely, policy);
        expect(hours).toBeGreaterThanOrEqual(policy.minDeadlineHours);
        expect(hours).toBeLessThanOrEqual(policy.maxDeadlineHours);
      }),
    );
  });

  it('refuses an estimate that is not a positive number of hours', () => {
    for (const likely of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => claimDurationHours(likely, policy)).toThrow(
        expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }),
      );
    }
  });
});

describe('resolveClaimPolicy', () => {
  it('fills in the defaults', () => {
    expect(resolveClaimPolicy()).toEqual(DEFAULT_CLAIM_POLICY);
  });

  it('names the field it refuses', () => {
    const bad = [
      { deadlineMultiple: 0 },
      { minDeadlineHours: -1 },
      { minDeadlineHours: 48, maxDeadlineHours: 24 },
      { maxActiveClaims: 1.5 },
      { coolDownHours: -2 },
    ];
    for (const input of bad) {
      expect(() => resolveClaimPolicy(input)).toThrow(
        expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }),
      );
    }
  });
});

describe('claim gate', () => {
  it('lets a qualified freelancer under the limit claim', () => {
    expect(claimRefusals(context(), policy)).toEqual([]);
    expect(() => assertCanClaim(context(), policy)).not.toThrow();
  });

  it('refuses a missing skill or a level below the minimum with FORBIDDEN and the gaps', () => {
    const error = refusal(
      context({
        task: {
          skills: [
            { skill: 'react', minLevel: 5 },
            { skill: 'swift', minLevel: 2 },
            { skill: 'typescript', minLevel: 3 },
          ],
          minReputation: null,
        },
      }),
    );
    expect(error).toBeInstanceOf(ClaimRefusedError);
    expect(error.code).toBe(ErrorCode.FORBIDDEN);
    expect(error.message).toBe('This task requires react level 5 (has 4), swift level 2 (missing)');
    expect(error.details).toEqual({
      reason: 'SKILLS',
      gaps: [
        { skill: 'react', requiredLevel: 5, level: 4 },
        { skill: 'swift', requiredLevel: 2, level: null },
      ],
    });
  });

  it('refuses a reputation below the task minimum with FORBIDDEN', () => {
    const ctx = context();
    const error = refusal({ ...ctx, claimant: { ...ctx.claimant, reputation: 3.75 } });
    expect(error.code).toBe(ErrorCode.FORBIDDEN);
    expect(error.details).toEqual({ reason: 'REPUTATION', required: 4, actual: 3.75 });
    expect(error.message).toContain('at least 4 (has 3.75)');
  });

  it('refuses a claim over the active-claims limit with CONFLICT', () => {
    const error = refusal(context({ activeClaims: 2 }));
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.details).toEqual({ reason: 'ACTIVE_CLAIMS_LIMIT', active: 2, limit: 2 });
  });

  it('refuses the freelancer whose claim expired until the cool-down ends', () => {
    const until = coolDownUntil(now, policy);
    expect(until).toEqual(hoursLater(48));
    const error = refusal(context({ coolDownUntil: until, now: hoursLater(47) }));
    expect(error.code).toBe(ErrorCode.FORBIDDEN);
    expect(error.details).toEqual({ reason: 'COOL_DOWN', until: until.toISOString() });
    expect(claimRefusals(context({ coolDownUntil: until, now: hoursLater(48) }), policy)).toEqual(
      [],
    );
  });

  it('keeps a private pool to its freelancers or organization members', () => {
    const ctx = context();
    expect(
      claimRefusals(
        { ...ctx, task: { ...ctx.task, pool: { kind: 'ORGANIZATION', organizationId: 'acme' } } },
        policy,
      ),
    ).toEqual([]);
    const outsider = refusal({
      ...ctx,
      task: { ...ctx.task, pool: { kind: 'FREELANCERS', freelancerIds: ['ben'] } },
    });
    expect(outsider.code).toBe(ErrorCode.FORBIDDEN);
    expect(outsider.details).toEqual({ reason: 'NOT_IN_POOL' });
  });

  it("refuses the project's expert reviewer, first of all, whatever else qualifies them", () => {
    const ctx = context();
    const expert = { ...ctx, task: { ...ctx.task, projectReviewerIds: ['ana'] } };
    const error = refusal({ ...expert, activeClaims: 5 });
    expect(error.code).toBe(ErrorCode.FORBIDDEN);
    expect(error.details).toEqual({
      reason: 'PROJECT_REVIEWER',
      otherReasons: ['ACTIVE_CLAIMS_LIMIT'],
    });
    expect(
      claimRefusals({ ...ctx, task: { ...ctx.task, projectReviewerIds: ['ben'] } }, policy),
    ).toEqual([]);
  });

  it('throws the most fundamental refusal first and names the others', () => {
    const ctx = context({ activeClaims: 5 });
    const error = refusal({
      ...ctx,
      claimant: { ...ctx.claimant, reputation: 1 },
      task: { ...ctx.task, pool: { kind: 'FREELANCERS', freelancerIds: [] } },
    });
    expect(error.details).toEqual({
      reason: 'NOT_IN_POOL',
      otherReasons: ['REPUTATION', 'ACTIVE_CLAIMS_LIMIT'],
    });
  });

  it('matches skill names trimmed and case-insensitively, at the highest level declared', () => {
    const ctx = context();
    expect(
      claimRefusals(
        {
          ...ctx,
          claimant: {
            ...ctx.claimant,
            skills: [
              { skill: ' REACT ', level: 1 },
              { skill: 'react', level: 3 },
              { skill: 'TypeScript', level: 3 },
            ],
          },
        },
        policy,
      ),
    ).toEqual([]);
  });
});
