import { PlanIssueCode, validatePlan } from '../plan-validator';
import { Estimate } from '../plan.types';
import { aPlan, aRequirement, aTask } from './support/plan-builders';

const BAND = { minHours: 1, maxHours: 8 };
const codes = (...args: Parameters<typeof validatePlan>): PlanIssueCode[] =>
  validatePlan(...args).map((i) => i.code);

describe('validatePlan', () => {
  const sound = aPlan([
    aTask({ key: 'model-1' }),
    aTask({ key: 'api-1', dependsOn: ['model-1'] }),
    aTask({ key: 'web-1', platform: 'WEB', dependsOn: ['api-1'] }),
  ]);

  it('finds nothing wrong with a sound plan', () => {
    expect(validatePlan(sound, { sizeBand: BAND })).toEqual([]);
  });

  it('reports a duplicate key', () => {
    const plan = aPlan([aTask({ key: 'a' }), aTask({ key: 'a' })]);

    expect(codes(plan)).toEqual(['DUPLICATE_KEY']);
  });

  it('reports a task of an unknown feature', () => {
    const plan = aPlan([aTask({ key: 'a', featureKey: 'ghost' })], {
      features: [{ key: 'f1', title: 'F', order: 0 }],
    });

    expect(validatePlan(plan)).toEqual([
      {
        code: 'UNKNOWN_FEATURE',
        message: 'Task a belongs to unknown feature "ghost"',
        taskKey: 'a',
      },
    ]);
  });

  it('reports an unknown dependency and a self-dependency', () => {
    const plan = aPlan([
      aTask({ key: 'a', dependsOn: ['nope'] }),
      aTask({ key: 'b', dependsOn: ['b'] }),
    ]);

    expect(validatePlan(plan).map((i) => [i.code, i.taskKey])).toEqual([
      ['UNKNOWN_DEPENDENCY', 'a'],
      ['SELF_DEPENDENCY', 'b'],
    ]);
  });

  it('reports a cycle and names it', () => {
    const plan = aPlan([
      aTask({ key: 'a', dependsOn: ['c'] }),
      aTask({ key: 'b', dependsOn: ['a'] }),
      aTask({ key: 'c', dependsOn: ['b'] }),
    ]);

    const [issue] = validatePlan(plan);

    expect(issue.code).toBe('CYCLE');
    expect(issue.cycle).toEqual(['a', 'c', 'b']);
    expect(issue.message).toBe('Dependency cycle: a → c → b → a');
  });

  it.each<[string, Estimate]>([
    ['a non-finite estimate', { optimistic: 1, likely: Number.POSITIVE_INFINITY, pessimistic: 2 }],
    ['NaN', { optimistic: Number.NaN, likely: 2, pessimistic: 3 }],
    ['a negative estimate', { optimistic: -1, likely: 2, pessimistic: 3 }],
    ['optimistic above likely', { optimistic: 5, likely: 4, pessimistic: 6 }],
    ['likely above pessimistic', { optimistic: 1, likely: 4, pessimistic: 3 }],
    ['likely over ten times the band maximum', { optimistic: 80, likely: 81, pessimistic: 90 }],
  ])('reports %s as ESTIMATE_INVALID', (_, estimate) => {
    const plan = aPlan([aTask({ key: 'a', estimate })]);

    expect(codes(plan, { sizeBand: BAND })).toEqual(['ESTIMATE_INVALID']);
  });

  it('reports likely estimates outside the band', () => {
    const plan = aPlan([
      aTask({ key: 'small', estimate: { optimistic: 0.25, likely: 0.5, pessimistic: 1 } }),
      aTask({ key: 'big', estimate: { optimistic: 8, likely: 12, pessimistic: 20 } }),
      aTask({ key: 'edge', estimate: { optimistic: 8, likely: 8, pessimistic: 8 } }),
    ]);

    expect(validatePlan(plan, { sizeBand: BAND }).map((i) => [i.code, i.taskKey])).toEqual([
      ['ESTIMATE_OUT_OF_BAND', 'small'],
      ['ESTIMATE_OUT_OF_BAND', 'big'],
    ]);
  });

  it('reports empty acceptance criteria, including blank ones', () => {
    const plan = aPlan([
      aTask({ key: 'a', acceptanceCriteria: [] }),
      aTask({ key: 'b', acceptanceCriteria: ['  '] }),
    ]);

    expect(codes(plan)).toEqual(['EMPTY_CRITERIA', 'EMPTY_CRITERIA']);
  });

  it('reports unknown and uncovered requirements, computed from the tasks', () => {
    const plan = aPlan([aTask({ key: 'a', requirementIds: ['R1', 'R9'] })], {
      requirements: [aRequirement('R1'), aRequirement('R2', 'Users can export invoices')],
    });

    const issues = validatePlan(plan);

    expect(issues.map((i) => [i.code, i.requirementId])).toEqual([
      ['UNKNOWN_REQUIREMENT', 'R9'],
      ['UNCOVERED_REQUIREMENT', 'R2'],
    ]);
    expect(issues[1].message).toContain('Users can export invoices');
  });

  it('uses the default 1–8 h band when none is given', () => {
    const plan = aPlan([
      aTask({ key: 'a', estimate: { optimistic: 8, likely: 9, pessimistic: 10 } }),
    ]);

    expect(codes(plan)).toEqual(['ESTIMATE_OUT_OF_BAND']);
  });
});
