import { ErrorCode } from '@splitwork/kernel';
import { InvalidReviewError } from '../marketplace.errors';
import {
  autoApprovalDueAt,
  buildScorecard,
  canRequestChanges,
  DEFAULT_REVIEW_POLICY,
  ReviewDraft,
  resolveReviewPolicy,
  validateReview,
} from '../scorecard';

const scorecard = buildScorecard([
  'Users can sign in with email and password',
  '  ',
  'Wrong passwords show an error',
  'Unit tests cover the service',
]);

const allPassed = scorecard.criteria.map((c) => ({ criterionId: c.id, passed: true }));

function draft(overrides: Partial<ReviewDraft> = {}): ReviewDraft {
  return { verdict: 'APPROVE', overallScore: 4, assessments: allPassed, ...overrides };
}

function reviewError(run: () => unknown): InvalidReviewError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidReviewError) return error;
    throw error;
  }
  throw new Error('expected a refused review');
}

const failing = (id: string, comment: string | null = 'Shows a blank page instead') =>
  allPassed.map((a) => (a.criterionId === id ? { criterionId: id, passed: false, comment } : a));

describe('buildScorecard', () => {
  it('numbers the non-blank acceptance criteria AC1, AC2, …', () => {
    expect(scorecard.criteria).toEqual([
      { id: 'AC1', text: 'Users can sign in with email and password' },
      { id: 'AC2', text: 'Wrong passwords show an error' },
      { id: 'AC3', text: 'Unit tests cover the service' },
    ]);
  });

  it('refuses a task without acceptance criteria', () => {
    expect(reviewError(() => buildScorecard([' ', ''])).reason).toBe('EMPTY_SCORECARD');
  });
});

describe('validateReview', () => {
  it('approves when every criterion passed, keeping comments on passed criteria', () => {
    const review = validateReview(
      scorecard,
      draft({
        assessments: allPassed.map((a, i) =>
          i === 2 ? { ...a, comment: '  Nit: name tests  ' } : a,
        ),
        feedback: ' Solid work ',
      }),
      1,
    );
    expect(review).toEqual({
      verdict: 'APPROVE',
      overallScore: 4,
      revision: 1,
      feedback: 'Solid work',
      failedCriterionIds: [],
      assessments: [
        { criterionId: 'AC1', criterion: scorecard.criteria[0].text, passed: true, comment: null },
        { criterionId: 'AC2', criterion: scorecard.criteria[1].text, passed: true, comment: null },
        {
          criterionId: 'AC3',
          criterion: scorecard.criteria[2].text,
          passed: true,
          comment: 'Nit: name tests',
        },
      ],
    });
  });

  it('refuses an approval with a failed criterion', () => {
    const error = reviewError(() =>
      validateReview(scorecard, draft({ assessments: failing('AC2') }), 1),
    );
    expect(error.reason).toBe('APPROVE_WITH_FAILED_CRITERIA');
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.details).toMatchObject({ criterionIds: ['AC2'] });
  });

  it('requests changes tied to the failed criteria', () => {
    const review = validateReview(
      scorecard,
      draft({ verdict: 'REQUEST_CHANGES', overallScore: 2, assessments: failing('AC2') }),
      1,
    );
    expect(review.failedCriterionIds).toEqual(['AC2']);
    expect(review.assessments[1].comment).toBe('Shows a blank page instead');
  });

  it('refuses a change request without a failed criterion', () => {
    expect(
      reviewError(() => validateReview(scorecard, draft({ verdict: 'REQUEST_CHANGES' }), 1)).reason,
    ).toBe('NO_FAILED_CRITERION');
  });

  it('refuses a failed criterion without a comment, whatever the verdict', () => {
    for (const verdict of ['REQUEST_CHANGES', 'REJECT'] as const) {
      const error = reviewError(() =>
        validateReview(
          scorecard,
          draft({ verdict, assessments: failing('AC1', '   '), feedback: 'Not usable' }),
          1,
        ),
      );
      expect(error.reason).toBe('COMMENT_REQUIRED');
      expect(error.details).toMatchObject({ criterionIds: ['AC1'] });
    }
  });

  it('refuses changes beyond the last revision with CONFLICT, suggesting approve or reject', () => {
    const policy = resolveReviewPolicy({ maxRevisions: 2 });
    const request = draft({ verdict: 'REQUEST_CHANGES', assessments: failing('AC3') });
    expect(() => validateReview(scorecard, request, 1, policy)).not.toThrow();
    const error = reviewError(() => validateReview(scorecard, request, 2, policy));
    expect(error.reason).toBe('REVISION_LIMIT');
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.details).toEqual({
      reason: 'REVISION_LIMIT',
      revision: 2,
      maxRevisions: 2,
      suggestedVerdicts: ['APPROVE', 'REJECT'],
    });
    expect(canRequestChanges(2, policy)).toBe(false);
    expect(() =>
      validateReview(
        scorecard,
        draft({ verdict: 'REJECT', assessments: failing('AC3'), feedback: 'Still failing' }),
        2,
        policy,
      ),
    ).not.toThrow();
  });

  it('refuses a rejection without feedback', () => {
    expect(
      reviewError(() =>
        validateReview(scorecard, draft({ verdict: 'REJECT', overallScore: 1, feedback: ' ' }), 1),
      ).reason,
    ).toBe('FEEDBACK_REQUIRED');
  });

  it('refuses unknown, repeated or missing criteria', () => {
    const cases: [ReviewDraft['assessments'], string][] = [
      [[...allPassed, { criterionId: 'AC9', passed: true }], 'UNKNOWN_CRITERION'],
      [[...allPassed, { criterionId: 'AC1', passed: false, comment: 'x' }], 'DUPLICATE_CRITERION'],
      [allPassed.slice(1), 'MISSING_CRITERIA'],
    ];
    for (const [assessments, reason] of cases) {
      expect(reviewError(() => validateReview(scorecard, draft({ assessments }), 1)).reason).toBe(
        reason,
      );
    }
  });

  it('refuses an overall score that is not a whole number from 1 to 5', () => {
    for (const overallScore of [0, 6, 3.5, Number.NaN]) {
      expect(reviewError(() => validateReview(scorecard, draft({ overallScore }), 1)).reason).toBe(
        'SCORE_OUT_OF_RANGE',
      );
    }
  });

  it('refuses texts over the length limit', () => {
    expect(
      reviewError(() => validateReview(scorecard, draft({ feedback: 'x'.repeat(10_001) }), 1))
        .reason,
    ).toBe('TEXT_TOO_LONG');
  });
});

describe('review policy', () => {
  it('puts the auto-approval the configured delay after the submission', () => {
    const submittedAt = new Date('2026-03-02T09:00:00Z');
    expect(autoApprovalDueAt(submittedAt)).toEqual(new Date('2026-03-05T09:00:00Z'));
    expect(
      autoApprovalDueAt(submittedAt, resolveReviewPolicy({ autoApproveAfterHours: 1.5 })),
    ).toEqual(new Date('2026-03-02T10:30:00Z'));
  });

  it('fills in the defaults and refuses bad values', () => {
    expect(resolveReviewPolicy()).toEqual(DEFAULT_REVIEW_POLICY);
    expect(() => resolveReviewPolicy({ maxRevisions: 0 })).toThrow(
      expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }),
    );
    expect(() => resolveReviewPolicy({ autoApproveAfterHours: 0 })).toThrow(
      expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }),
    );
  });
});
