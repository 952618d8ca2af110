import { DomainError, ErrorCode } from '@splitwork/kernel';
import {
  assertNoReviewConflict,
  reviewConflict,
  ReviewerParty,
  ReviewWork,
  reviewsProject,
} from '../review-conflict';

const work = (overrides: Partial<ReviewWork> = {}): ReviewWork => ({
  projectOwnerId: 'olivia',
  holderIds: ['frank'],
  excludeSameOrganization: false,
  holderOrganizationIds: ['acme'],
  ...overrides,
});
const rita: ReviewerParty = { id: 'rita', organizationIds: [] };

describe('reviewConflict', () => {
  it('lets an unrelated reviewer judge the work', () => {
    expect(reviewConflict(rita, work())).toBeNull();
  });

  it("refuses the project's owner", () => {
    expect(reviewConflict({ id: 'olivia', organizationIds: [] }, work())).toBe('OWNS_PROJECT');
  });

  it('refuses whoever holds or ever held the work, even when they are the only holder', () => {
    expect(reviewConflict({ id: 'frank', organizationIds: [] }, work())).toBe('HOLDS_WORK');
    expect(
      reviewConflict({ id: 'frank', organizationIds: [] }, work({ holderIds: ['ben', 'frank'] })),
    ).toBe('HOLDS_WORK');
  });

  it('refuses a member of a holder’s organization only when the project asks for it', () => {
    const colleague: ReviewerParty = { id: 'carl', organizationIds: ['other', 'acme'] };
    expect(reviewConflict(colleague, work())).toBeNull();
    expect(reviewConflict(colleague, work({ excludeSameOrganization: true }))).toBe(
      'SAME_ORGANIZATION',
    );
    expect(
      reviewConflict(
        { id: 'carl', organizationIds: ['other'] },
        work({ excludeSameOrganization: true }),
      ),
    ).toBeNull();
  });

  it('refuses the reviewer whose decision an appeal judges', () => {
    expect(reviewConflict(rita, work({ decidedByIds: ['rita'] }))).toBe('JUDGES_OWN_DECISION');
    expect(reviewConflict(rita, work({ decidedByIds: ['ben'] }))).toBeNull();
  });

  it('names the most direct conflict first when several apply', () => {
    const ownerAndHolder = work({ holderIds: ['olivia'], decidedByIds: ['olivia'] });
    expect(reviewConflict({ id: 'olivia', organizationIds: ['acme'] }, ownerAndHolder)).toBe(
      'OWNS_PROJECT',
    );
  });

  it('throws FORBIDDEN naming the conflict', () => {
    let error: unknown;
    try {
      assertNoReviewConflict({ id: 'frank', organizationIds: [] }, work());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.FORBIDDEN);
    expect((error as DomainError).details).toEqual({ reason: 'HOLDS_WORK' });
    expect(() => assertNoReviewConflict(rita, work())).not.toThrow();
  });
});

describe('reviewsProject (the claim gate’s mirror)', () => {
  it('is true only for one of the project’s expert reviewers', () => {
    expect(reviewsProject('rita', ['rita'])).toBe(true);
    expect(reviewsProject('frank', ['rita'])).toBe(false);
    expect(reviewsProject('frank', [])).toBe(false);
  });
});
