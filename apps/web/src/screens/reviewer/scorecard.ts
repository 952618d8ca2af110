export type Verdict = 'APPROVE' | 'REQUEST_CHANGES' | 'REJECT';

export interface CriterionRow {
  criterionId: string;
  text: string;
  passed: boolean | null;
  comment: string;
}

/** One row per criterion of the task's scorecard (ids from the API: AC1, AC2, …). */
export function scorecardRows(criteria: { id: string; text: string }[]): CriterionRow[] {
  return criteria.map((c) => ({ criterionId: c.id, text: c.text, passed: null, comment: '' }));
}

/**
 * The rules the API enforces, checked before sending so the form can say
 * what is missing: every criterion scored; APPROVE only with all passed;
 * REQUEST_CHANGES needs at least one failed criterion, each with a comment;
 * REQUEST_CHANGES and REJECT need feedback.
 */
export function scorecardProblems(
  rows: CriterionRow[],
  verdict: Verdict,
  feedback: string,
): string[] {
  const problems: string[] = [];
  const unscored = rows.filter((r) => r.passed === null).map((r) => r.criterionId);
  if (unscored.length) problems.push(`Score every criterion (missing ${unscored.join(', ')}).`);
  const failed = rows.filter((r) => r.passed === false);
  if (verdict === 'APPROVE' && failed.length)
    problems.push(
      `Cannot approve with failed criteria (${failed.map((r) => r.criterionId).join(', ')}).`,
    );
  if (verdict === 'REQUEST_CHANGES') {
    if (failed.length === 0 && unscored.length === 0)
      problems.push('Requesting changes needs at least one failed criterion.');
    const silent = failed.filter((r) => !r.comment.trim()).map((r) => r.criterionId);
    if (silent.length) problems.push(`Say what to change on ${silent.join(', ')}.`);
  }
  if (verdict !== 'APPROVE' && !feedback.trim())
    problems.push('Write feedback for the freelancer.');
  return problems;
}
