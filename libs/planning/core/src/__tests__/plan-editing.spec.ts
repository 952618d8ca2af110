import { DomainError } from '@splitwork/kernel';
import { planOffline } from '../offline-planner';
import { addTask, mergeOwnerTasks, removeTask, updateTask } from '../plan-editing';
import { resolvePlanSettings } from '../plan-settings';
import { validatePlan } from '../plan-validator';

const BAND = { minHours: 1, maxHours: 8 };
const settings = resolvePlanSettings({ currency: 'USD', targetPlatforms: ['WEB', 'BACKEND'] });
const plan = planOffline(
  `# Shop\n- Customers sign up with email\n- Customers search products by name\n- Customers pay by card`,
  settings,
);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof DomainError ? e.code : 'OTHER';
  }
}

describe('plan editing', () => {
  const [first, second] = plan.tasks.filter((t) => t.dependsOn.length > 0);

  it('updates the fields of a task and keeps the plan valid', () => {
    const edited = updateTask(plan, first.key, { title: 'Renamed', locked: true }, BAND);
    const task = edited.tasks.find((t) => t.key === first.key)!;
    expect(task.title).toBe('Renamed');
    expect(task.locked).toBe(true);
    expect(validatePlan(edited, { sizeBand: BAND })).toEqual([]);
  });

  it('refuses a dependency that closes a cycle, naming it', () => {
    const dep = first.dependsOn[0];
    const err = (() => {
      try {
        updateTask(plan, dep, { dependsOn: [first.key] }, BAND);
      } catch (e) {
        return e as DomainError;
      }
      return undefined;
    })();
    expect(err?.code).toBe('BAD_USER_INPUT');
    expect(err?.message).toMatch(/cycle/i);
  });

  it('refuses an unknown dependency and an estimate outside the band', () => {
    expect(codeOf(() => updateTask(plan, first.key, { dependsOn: ['nope'] }, BAND))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      codeOf(() =>
        updateTask(
          plan,
          first.key,
          { estimate: { optimistic: 20, likely: 30, pessimistic: 40 } },
          BAND,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it('adds a task with a fresh key', () => {
    const { plan: added, key } = addTask(
      plan,
      {
        featureKey: first.featureKey,
        title: 'Extra',
        description: 'More work',
        acceptanceCriteria: ['It works'],
        skills: [{ skill: 'react', minLevel: 2 }],
        platform: 'WEB',
        estimate: { optimistic: 1, likely: 2, pessimistic: 4 },
        dependsOn: [first.key],
        requirementIds: [],
      },
      BAND,
    );
    expect(added.tasks).toHaveLength(plan.tasks.length + 1);
    expect(added.tasks.find((t) => t.key === key)?.dependsOn).toEqual([first.key]);
  });

  it('removes a task and lets its dependents wait for its own dependencies', () => {
    const removed = removeTask(plan, first.key, BAND);
    expect(removed.tasks.some((t) => t.key === first.key)).toBe(false);
    for (const t of removed.tasks) expect(t.dependsOn).not.toContain(first.key);
    const dependents = plan.tasks.filter((t) => t.dependsOn.includes(first.key));
    for (const d of dependents) {
      const after = removed.tasks.find((t) => t.key === d.key)!;
      for (const dep of first.dependsOn) if (dep !== d.key) expect(after.dependsOn).toContain(dep);
    }
  });

  it('keeps locked tasks through a re-plan', () => {
    const locked = updateTask(plan, second.key, { title: 'Owner wording', locked: true }, BAND);
    const replanned = mergeOwnerTasks(
      locked,
      planOffline(`# Shop\n- Customers sign up with email`, settings),
      BAND,
    );
    const kept = replanned.tasks.find((t) => t.key === second.key);
    expect(kept?.title).toBe('Owner wording');
    expect(
      validatePlan(replanned, { sizeBand: BAND }).filter((i) => i.code !== 'UNCOVERED_REQUIREMENT'),
    ).toEqual([]);
  });
});
