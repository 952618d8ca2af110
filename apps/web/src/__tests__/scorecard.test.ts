import { describe, expect, it } from 'vitest';
import { scorecardProblems, scorecardRows } from '../screens/reviewer/scorecard';

describe('scorecardProblems', () => {
  const rows = scorecardRows([
    { id: 'AC1', text: 'Loads fast' },
    { id: 'AC2', text: 'Has tests' },
  ]);

  it('keeps the API’s criterion ids', () => {
    expect(rows.map((r) => r.criterionId)).toEqual(['AC1', 'AC2']);
  });

  it('asks for every criterion to be scored', () => {
    expect(scorecardProblems(rows, 'APPROVE', '')).toEqual([
      'Score every criterion (missing AC1, AC2).',
    ]);
  });

  it('refuses to approve with a failed criterion', () => {
    const scored = [
      { ...rows[0], passed: true },
      { ...rows[1], passed: false, comment: 'none' },
    ];
    expect(scorecardProblems(scored, 'APPROVE', '')).toEqual([
      'Cannot approve with failed criteria (AC2).',
    ]);
  });

  it('needs a comment on each failed criterion and feedback to request changes', () => {
    const scored = [
      { ...rows[0], passed: true },
      { ...rows[1], passed: false },
    ];
    expect(scorecardProblems(scored, 'REQUEST_CHANGES', ' ')).toEqual([
      'Say what to change on AC2.',
      'Write feedback for the freelancer.',
    ]);
  });

  it('accepts a full passing scorecard for approval', () => {
    expect(
      scorecardProblems(
        rows.map((r) => ({ ...r, passed: true })),
        'APPROVE',
        '',
      ),
    ).toEqual([]);
  });
});
