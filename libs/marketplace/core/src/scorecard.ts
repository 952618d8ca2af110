import { InvalidReviewError } from './marketplace.errors';
import { PolicyBounds, resolvePolicy } from './policy-bounds';
import { addHours, assertDate } from './time.util';

/** One acceptance criterion of the task, as the reviewer scores it. */
export interface ScorecardCriterion {
  /** `AC1`, `AC2`, … in the order of the task's acceptance criteria. */
  readonly id: string;
  readonly text: string;
}

/** Generated from the task's acceptance criteria when a submission is made, and kept with it. */
export interface Scorecard {
  readonly criteria: readonly ScorecardCriterion[];
}

export const REVIEW_VERDICTS = ['APPROVE', 'REQUEST_CHANGES', 'REJECT'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

export const MIN_REVIEW_SCORE = 1;
export const MAX_REVIEW_SCORE = 5;
export const MAX_COMMENT_CHARS = 2_000;
export const MAX_FEEDBACK_CHARS = 10_000;

export interface CriterionAssessment {
  readonly criterionId: string;
  readonly passed: boolean;
  /** Required when the criterion failed; optional (a note, a nit) when it passed. */
  readonly comment?: string | null;
}

/** What a reviewer sends. */
export interface ReviewDraft {
  readonly verdict: ReviewVerdict;
  /** A whole number from 1 to 5. */
  readonly overallScore: number;
  /** One per criterion of the scorecard, in any order. */
  readonly assessments: readonly CriterionAssessment[];
  /** Overall feedback; required for REJECT. */
  readonly feedback?: string | null;
}

export interface ReviewPolicy {
  /**
   * The highest submission number a task may reach with one assignee: the
   * first submission is revision 1, so REQUEST_CHANGES on revision n is
   * allowed only while n < maxRevisions.
   */
  readonly maxRevisions: number;
  /** A submission nobody reviewed is approved this long after it was made. */
  readonly autoApproveAfterHours: number;
}

export const DEFAULT_REVIEW_POLICY: ReviewPolicy = { maxRevisions: 3, autoApproveAfterHours: 72 };

export interface AssessedCriterion {
  readonly criterionId: string;
  readonly criterion: string;
  readonly passed: boolean;
  readonly comment: string | null;
}

/** A review fit to record: texts trimmed, criteria in scorecard order. */
export interface ValidatedReview {
  readonly verdict: ReviewVerdict;
  readonly overallScore: number;
  readonly assessments: readonly AssessedCriterion[];
  readonly failedCriterionIds: readonly string[];
  readonly feedback: string | null;
  /** The submission reviewed. */
  readonly revision: number;
}

/** The limits of each field: deployments override the defaults only within them. */
export const REVIEW_POLICY_BOUNDS: PolicyBounds<ReviewPolicy> = {
  maxRevisions: { min: 1, max: 20, integer: true },
  autoApproveAfterHours: { min: 0, aboveMin: true, max: 2160 },
};

/** The defaults overridden by `input`; BAD_USER_INPUT naming the first bad field and its rule. */
export function resolveReviewPolicy(input: Partial<ReviewPolicy> = {}): ReviewPolicy {
  return resolvePolicy('Review policy', DEFAULT_REVIEW_POLICY, REVIEW_POLICY_BOUNDS, input);
}

/**
 * One criterion per non-blank acceptance criterion, ids by position among
 * them. A task without any cannot be reviewed fairly, so that is refused.
 */
export function buildScorecard(acceptanceCriteria: readonly string[]): Scorecard {
  const criteria = acceptanceCriteria
    .map((text) => text.trim())
    .filter((text) => text !== '')
    .map((text, index) => ({ id: `AC${index + 1}`, text }));
  if (criteria.length === 0) {
    throw new InvalidReviewError(
      'EMPTY_SCORECARD',
      'The task has no acceptance criteria to review against',
    );
  }
  return { criteria };
}

/** When a submission made at `submittedAt` is approved if nobody reviewed it. */
export function autoApprovalDueAt(
  submittedAt: Date,
  policy: ReviewPolicy = DEFAULT_REVIEW_POLICY,
): Date {
  assertDate(submittedAt, 'submittedAt');
  return addHours(submittedAt, policy.autoApproveAfterHours);
}

/** Whether changes may still be requested on submission `revision`. */
export function canRequestChanges(
  revision: number,
  policy: ReviewPolicy = DEFAULT_REVIEW_POLICY,
): boolean {
  return revision < policy.maxRevisions;
}

function cleanText(
  value: string | null | undefined,
  field: string,
  maxChars: number,
): string | null {
  const text = value?.trim() ?? '';
  if (text.length > maxChars) {
    throw new InvalidReviewError(
      'TEXT_TOO_LONG',
      `${field} is longer than ${maxChars} characters`,
      {
        field,
        maxChars,
      },
    );
  }
  return text === '' ? null : text;
}

function assessAll(scorecard: Scorecard, draft: ReviewDraft): AssessedCriterion[] {
  const known = new Map(scorecard.criteria.map((c) => [c.id, c]));
  const given = new Map<string, CriterionAssessment>();
  for (const assessment of draft.assessments) {
    if (!known.has(assessment.criterionId)) {
      throw new InvalidReviewError(
        'UNKNOWN_CRITERION',
        `Criterion ${assessment.criterionId} is not on the scorecard`,
        { criterionId: assessment.criterionId },
      );
    }
    if (given.has(assessment.criterionId)) {
      throw new InvalidReviewError(
        'DUPLICATE_CRITERION',
        `Criterion ${assessment.criterionId} is assessed twice`,
        { criterionId: assessment.criterionId },
      );
    }
    given.set(assessment.criterionId, assessment);
  }
  const missing = scorecard.criteria.filter((c) => !given.has(c.id)).map((c) => c.id);
  if (missing.length > 0) {
    throw new InvalidReviewError(
      'MISSING_CRITERIA',
      `Every criterion needs a pass or fail; missing: ${missing.join(', ')}`,
      { criterionIds: missing },
    );
  }
  const assessed = scorecard.criteria.map((criterion) => {
    const assessment = given.get(criterion.id);
    if (assessment === undefined) throw new Error(`criterion ${criterion.id} vanished`);
    return {
      criterionId: criterion.id,
      criterion: criterion.text,
      passed: assessment.passed,
      comment: cleanText(assessment.comment, `Comment on ${criterion.id}`, MAX_COMMENT_CHARS),
    };
  });
  const uncommented = assessed
    .filter((a) => !a.passed && a.comment === null)
    .map((a) => a.criterionId);
  if (uncommented.length > 0) {
    throw new InvalidReviewError(
      'COMMENT_REQUIRED',
      `A failed criterion needs a comment saying what to change: ${uncommented.join(', ')}`,
      { criterionIds: uncommented },
    );
  }
  return assessed;
}

/**
 * Checks a review of submission `revision` against its scorecard:
 *
 * - every criterion is assessed once, pass or fail; a failed one carries a
 *   comment (the feedback is tied to the criteria), a passed one may;
 * - the overall score is a whole number from 1 to 5;
 * - APPROVE needs every criterion passed: "approved" means the acceptance
 *   criteria are met, which is what the owner pays for. A reviewer who
 *   approves despite a small flaw passes the criterion and says so in its
 *   comment;
 * - REQUEST_CHANGES needs at least one failed criterion, and is refused
 *   (CONFLICT, REVISION_LIMIT, suggesting APPROVE or REJECT) once the
 *   submission is revision `maxRevisions`;
 * - REJECT needs overall feedback; the criteria are scored as for any verdict.
 *
 * Malformed reviews are InvalidReviewError with BAD_USER_INPUT.
 */
export function validateReview(
  scorecard: Scorecard,
  draft: ReviewDraft,
  revision: number,
  policy: ReviewPolicy = DEFAULT_REVIEW_POLICY,
): ValidatedReview {
  if (!Number.isInteger(revision) || revision < 1) {
    throw new InvalidReviewError('INVALID_REVISION', 'The revision must be a whole number from 1', {
      revision,
    });
  }
  if (
    !Number.isInteger(draft.overallScore) ||
    draft.overallScore < MIN_REVIEW_SCORE ||
    draft.overallScore > MAX_REVIEW_SCORE
  ) {
    throw new InvalidReviewError(
      'SCORE_OUT_OF_RANGE',
      `The overall score must be a whole number from ${MIN_REVIEW_SCORE} to ${MAX_REVIEW_SCORE}`,
      { overallScore: draft.overallScore },
    );
  }
  const assessments = assessAll(scorecard, draft);
  const feedback = cleanText(draft.feedback, 'Feedback', MAX_FEEDBACK_CHARS);
  const failedCriterionIds = assessments.filter((a) => !a.passed).map((a) => a.criterionId);

  switch (draft.verdict) {
    case 'APPROVE':
      if (failedCriterionIds.length > 0) {
        throw new InvalidReviewError(
          'APPROVE_WITH_FAILED_CRITERIA',
          `Approval needs every criterion passed; failed: ${failedCriterionIds.join(', ')}. Request changes instead`,
          { criterionIds: failedCriterionIds },
        );
      }
      break;
    case 'REQUEST_CHANGES':
      if (failedCriterionIds.length === 0) {
        throw new InvalidReviewError(
          'NO_FAILED_CRITERION',
          'Requesting changes needs at least one failed criterion with a comment',
        );
      }
      if (!canRequestChanges(revision, policy)) {
        throw new InvalidReviewError(
          'REVISION_LIMIT',
          `Revision ${revision} is the last one allowed (${policy.maxRevisions}): approve or reject it`,
          { revision, maxRevisions: policy.maxRevisions, suggestedVerdicts: ['APPROVE', 'REJECT'] },
        );
      }
      break;
    case 'REJECT':
      if (feedback === null) {
        throw new InvalidReviewError('FEEDBACK_REQUIRED', 'A rejection needs feedback saying why');
      }
      break;
  }

  return {
    verdict: draft.verdict,
    overallScore: draft.overallScore,
    assessments,
    failedCriterionIds,
    feedback,
    revision,
  };
}
