import { ConfigError, loadConfig } from '@splitwork/config';
import { DEFAULT_CLAIM_POLICY, DEFAULT_REVIEW_POLICY } from '@splitwork/marketplace-core';
import { MarketplacePolicies } from '../marketplace-policies';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    new MarketplacePolicies(loadConfig(env));
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('MarketplacePolicies', () => {
  it("uses the core's defaults when no variable is set", () => {
    const policies = new MarketplacePolicies(loadConfig({}));
    expect(policies.claim).toEqual(DEFAULT_CLAIM_POLICY);
    expect(policies.review).toEqual(DEFAULT_REVIEW_POLICY);
  });

  it('overrides only the fields whose variables are set', () => {
    const policies = new MarketplacePolicies(
      loadConfig({ MAX_ACTIVE_CLAIMS: '1', CLAIM_MIN_HOURS: '2', AUTO_APPROVE_AFTER_HOURS: '1.5' }),
    );
    expect(policies.claim).toEqual({
      ...DEFAULT_CLAIM_POLICY,
      maxActiveClaims: 1,
      minDeadlineHours: 2,
    });
    expect(policies.review).toEqual({ ...DEFAULT_REVIEW_POLICY, autoApproveAfterHours: 1.5 });
  });

  it.each([
    [
      { MAX_ACTIVE_CLAIMS: '0' },
      'MAX_ACTIVE_CLAIMS: Claim policy: maxActiveClaims must be a whole number from 1 to 50 (got 0)',
    ],
    [
      { MAX_REVISIONS: '2.5' },
      'MAX_REVISIONS: Review policy: maxRevisions must be a whole number from 1 to 20 (got 2.5)',
    ],
    [
      { CLAIM_MIN_HOURS: '48', CLAIM_MAX_HOURS: '24' },
      'CLAIM_MAX_HOURS: Claim policy: maxDeadlineHours must be at least minDeadlineHours (got 24)',
    ],
    [
      { CLAIM_COOLDOWN_HOURS: '-1' },
      'CLAIM_COOLDOWN_HOURS: Claim policy: coolDownHours must be a number from 0 to 2160 (got -1)',
    ],
  ])('stops start-up on %j naming the variable and the rule', (env, problem) => {
    expect(problemsOf(env)).toEqual([problem]);
  });

  it('refuses a value that is not a number at load, naming the variable', () => {
    expect(() => loadConfig({ CLAIM_DEADLINE_MULTIPLE: 'four' })).toThrow(
      expect.objectContaining({
        problems: [expect.stringMatching(/^CLAIM_DEADLINE_MULTIPLE: /)],
      }),
    );
  });
});
