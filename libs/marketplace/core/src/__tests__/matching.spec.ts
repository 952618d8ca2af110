import fc from 'fast-check';
import { ErrorCode } from '@splitwork/kernel';
import {
  DEFAULT_MATCH_WEIGHTS,
  MatchFreelancer,
  MatchTask,
  rankFreelancersForTask,
  rankTasksForFreelancer,
  scoreMatch,
} from '../matching';

const task: MatchTask = {
  id: 'task-login',
  skills: [
    { skill: 'react', minLevel: 3 },
    { skill: 'typescript', minLevel: 2 },
  ],
  hourlyRateCents: 6_000,
  likelyHours: 4,
};

function freelancer(overrides: Partial<MatchFreelancer> = {}): MatchFreelancer {
  return {
    id: 'ana',
    skills: [
      { skill: 'React', level: 4 },
      { skill: 'TypeScript', level: 3 },
    ],
    hourlyRateCents: 5_000,
    weeklyHours: 20,
    committedHours: 8,
    reputation: 5,
    ...overrides,
  };
}

describe('scoreMatch', () => {
  it('scores a full fit 1 and explains it with its components', () => {
    expect(scoreMatch(task, freelancer())).toEqual({
      taskId: 'task-login',
      freelancerId: 'ana',
      score: 1,
      qualified: true,
      components: { coverage: 1, level: 1, reputation: 1, rate: 1, availability: 1 },
      weights: DEFAULT_MATCH_WEIGHTS,
      skillGaps: [],
    });
  });

  it('lowers the score for a missing skill, a lower level, a higher rate and little free time', () => {
    const match = scoreMatch(
      task,
      freelancer({
        skills: [{ skill: 'react', level: 2 }],
        hourlyRateCents: 12_000,
        weeklyHours: 10,
        committedHours: 9,
        reputation: 3,
      }),
    );
    expect(match.components).toEqual({
      coverage: 0.5,
      level: 0.3333,
      reputation: 0.5,
      rate: 0.5,
      availability: 0.25,
    });
    expect(match.qualified).toBe(false);
    expect(match.skillGaps).toEqual([
      { skill: 'react', requiredLevel: 3, level: 2 },
      { skill: 'typescript', requiredLevel: 2, level: null },
    ]);
    // 0.3×0.5 + 0.2×(1/3) + 0.2×0.5 + 0.15×0.5 + 0.15×0.25
    expect(match.score).toBe(0.4292);
  });

  it('marks a freelancer below the task minimum reputation as unqualified', () => {
    expect(
      scoreMatch({ ...task, minReputation: 4.5 }, freelancer({ reputation: 4 })).qualified,
    ).toBe(false);
  });

  it('applies custom weights and refuses meaningless ones', () => {
    const onlyRate = { coverage: 0, level: 0, reputation: 0, rate: 1, availability: 0 };
    expect(scoreMatch(task, freelancer({ hourlyRateCents: 24_000 }), onlyRate).score).toBe(0.25);
    expect(() => scoreMatch(task, freelancer(), { ...onlyRate, rate: 0 })).toThrow(
      expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }),
    );
    expect(() => scoreMatch(task, freelancer(), { ...onlyRate, level: -1 })).toThrow(
      expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }),
    );
  });

  it('stays between 0 and 1 and is the same for the same input', () => {
    const level = fc.constantFrom<(1 | 2 | 3 | 4 | 5)[]>(1, 2, 3, 4, 5);
    const skill = fc.constantFrom('react', 'swift', 'typescript', 'figma');
    fc.assert(
      fc.property(
        fc.array(fc.record({ skill, minLevel: level }), { maxLength: 4 }),
        fc.array(fc.record({ skill, level }), { maxLength: 4 }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 1, max: 5, noNaN: true }),
        (skills, have, rate, weekly, reputation) => {
          const t = { ...task, skills };
          const f = freelancer({
            skills: have,
            hourlyRateCents: rate,
            weeklyHours: weekly,
            reputation,
          });
          const match = scoreMatch(t, f);
          expect(match.score).toBeGreaterThanOrEqual(0);
          expect(match.score).toBeLessThanOrEqual(1);
          expect(scoreMatch(t, f)).toEqual(match);
        },
      ),
    );
  });
});

describe('ranking', () => {
  const pool = [
    freelancer({ id: 'cy', reputation: 3 }),
    freelancer({ id: 'ana' }),
    freelancer({ id: 'ben' }),
    freelancer({ id: 'dan', skills: [{ skill: 'react', level: 5 }] }),
  ];

  it('ranks qualified freelancers best first, ties by id, and leaves out the unqualified', () => {
    expect(rankFreelancersForTask(task, pool).map((m) => [m.freelancerId, m.score])).toEqual([
      ['ana', 1],
      ['ben', 1],
      ['cy', 0.9],
    ]);
  });

  it('puts the unqualified after the qualified when asked to include them, and honours the limit', () => {
    expect(
      rankFreelancersForTask(task, pool, { includeUnqualified: true }).map((m) => m.freelancerId),
    ).toEqual(['ana', 'ben', 'cy', 'dan']);
    expect(rankFreelancersForTask(task, pool, { limit: 1 }).map((m) => m.freelancerId)).toEqual([
      'ana',
    ]);
  });

  it('ranks the tasks a freelancer qualifies for by fit', () => {
    const tasks: MatchTask[] = [
      { ...task, id: 'cheap', hourlyRateCents: 2_500 },
      { ...task, id: 'swift', skills: [{ skill: 'swift', minLevel: 1 }] },
      { ...task, id: 'good' },
      { ...task, id: 'long', likelyHours: 48 },
    ];
    // cheap: rate 0.5 → 0.925; long: 12 free hours of 48 → availability 0.25 → 0.8875.
    expect(rankTasksForFreelancer(freelancer(), tasks).map((m) => [m.taskId, m.score])).toEqual([
      ['good', 1],
      ['cheap', 0.925],
      ['long', 0.8875],
    ]);
  });
});
