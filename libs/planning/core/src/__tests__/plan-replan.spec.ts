import { addTask, isOwnerAdded, mergeOwnerTasks, removeTask } from '../plan-editing';
import { PlannedTask } from '../plan.types';
import { aPlan, aTask } from './support/plan-builders';

const BAND = { minHours: 1, maxHours: 8 };
const generated = (suffix: string): PlannedTask[] => [
  aTask({ key: 'auth-api-1', featureKey: 'auth', title: `Sign-up API ${suffix}` }),
  aTask({ key: 'auth-web-1', featureKey: 'auth', dependsOn: ['auth-api-1'] }),
  aTask({ key: 'search-api-1', featureKey: 'search' }),
];
const newTask = (title: string, dependsOn: string[]) => ({
  featureKey: 'auth',
  title,
  description: 'Owner asked for it',
  acceptanceCriteria: ['Report attached'],
  skills: [{ skill: 'accessibility', minLevel: 3 as const }],
  platform: 'QA' as const,
  estimate: { optimistic: 2, likely: 3, pessimistic: 5 },
  dependsOn,
  requirementIds: ['R1'],
});

describe('re-planning around the owner’s tasks', () => {
  const first = aPlan(generated('v1'));
  const { plan: withAudit, key: auditKey } = addTask(
    first,
    newTask('Accessibility audit', ['auth-web-1']),
    BAND,
  );
  const { plan: edited, key: loadKey } = addTask(
    withAudit,
    newTask('Load test', ['search-api-1']),
    BAND,
  );

  it('marks a task the owner adds', () => {
    expect(edited.tasks.find((t) => t.key === auditKey)?.addedByOwner).toBe(true);
    expect(first.tasks.some((t) => isOwnerAdded(t))).toBe(false);
  });

  it('keeps every owner-added task, unlocked, with its dependencies on tasks that still exist', () => {
    const next = aPlan(generated('v2').filter((t) => t.key !== 'search-api-1'));
    const merged = mergeOwnerTasks(edited, next, BAND);

    const audit = merged.tasks.find((t) => t.key === auditKey)!;
    const load = merged.tasks.find((t) => t.key === loadKey)!;
    expect(audit).toMatchObject({ title: 'Accessibility audit', dependsOn: ['auth-web-1'] });
    expect(audit.locked).toBeUndefined();
    expect(load.dependsOn).toEqual([]);
    expect(merged.tasks.find((t) => t.key === 'auth-api-1')?.title).toBe('Sign-up API v2');
  });

  it('drops an added task once the owner removed it', () => {
    const removed = removeTask(edited, auditKey, BAND);
    const merged = mergeOwnerTasks(removed, aPlan(generated('v2')), BAND);

    expect(merged.tasks.map((t) => t.key).sort()).toEqual(
      ['auth-api-1', 'auth-web-1', loadKey, 'search-api-1'].sort(),
    );
  });

  it('recognises tasks added before the flag existed by their key', () => {
    const legacy = aPlan([
      ...generated('v1'),
      aTask({ key: 'auth-custom-1', featureKey: 'auth', title: 'Old owner task' }),
    ]);
    const merged = mergeOwnerTasks(legacy, aPlan(generated('v2')), BAND);

    expect(merged.tasks.find((t) => t.key === 'auth-custom-1')?.title).toBe('Old owner task');
  });
});
