import { PlanCoverage, PlannedTask, Requirement } from './plan.types';

/** Which tasks trace to each requirement, in the order of the brief, and which have none. */
export function computeCoverage(
  requirements: readonly Requirement[],
  tasks: readonly PlannedTask[],
): PlanCoverage {
  const byRequirement = new Map<string, string[]>(requirements.map((r) => [r.id, []]));
  for (const task of tasks) {
    for (const id of new Set(task.requirementIds)) byRequirement.get(id)?.push(task.key);
  }
  const entries = requirements.map((r) => ({
    requirementId: r.id,
    taskKeys: byRequirement.get(r.id) ?? [],
  }));
  return {
    requirements: entries,
    uncoveredRequirementIds: entries
      .filter((e) => e.taskKeys.length === 0)
      .map((e) => e.requirementId),
  };
}
