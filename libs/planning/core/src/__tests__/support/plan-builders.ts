import { computeCoverage } from '../../plan-coverage';
import type { Feature, Plan, PlannedTask, Requirement } from '../../plan.types';

/** A small, valid task; override what the test is about. */
export function aTask(overrides: Partial<PlannedTask> & Pick<PlannedTask, 'key'>): PlannedTask {
  return {
    featureKey: 'f1',
    title: `Task ${overrides.key}`,
    description: `Does ${overrides.key}`,
    acceptanceCriteria: ['It works', 'It is tested', 'It is reviewed'],
    skills: [{ skill: 'nestjs', minLevel: 3 }],
    platform: 'BACKEND',
    estimate: { optimistic: 2, likely: 4, pessimistic: 8 },
    dependsOn: [],
    requirementIds: ['R1'],
    ...overrides,
  };
}

export function aRequirement(id: string, text = `Requirement ${id}`): Requirement {
  return { id, text, kind: 'bullet', line: Number(id.slice(1)) || 1 };
}

/** A plan around the tasks, with the features and requirements they mention. */
export function aPlan(
  tasks: readonly PlannedTask[],
  extra: { features?: readonly Feature[]; requirements?: readonly Requirement[] } = {},
): Plan {
  const featureKeys = [...new Set(tasks.map((t) => t.featureKey))];
  const features =
    extra.features ?? featureKeys.map((key, i) => ({ key, title: `Feature ${key}`, order: i }));
  const requirementIds = [...new Set(tasks.flatMap((t) => t.requirementIds))];
  const requirements = extra.requirements ?? requirementIds.map((id) => aRequirement(id));
  return { features, tasks, requirements, coverage: computeCoverage(requirements, tasks) };
}
