import fc from 'fast-check';
import { validatePlan } from '@splitwork/planning-core';
import {
  scriptedFeatureTasksAnswer,
  scriptedOutlineAnswer,
  type ScriptedPlanAnswer,
} from './support/fake-openai';
import {
  checkFeatureTasksAnswer,
  checkOutlineAnswer,
  checkPlanAnswer,
  finalizePlan,
  mergeFeatureTasks,
  type Checked,
  type Outline,
} from '../plan-answer.mapper';
import type { Plan, PlannedTask } from '@splitwork/planning-core';
import type { PlanningContext } from '../planning-context';
import { INJECTION_BRIEF, SHOP_BRIEF } from './fixtures/briefs.fixture';
import { answerFor, contextFor, dependentPair } from './support/answers';

function errorsOf<T>(checked: Checked<T>): readonly string[] {
  return checked.ok ? [] : checked.errors;
}

function finalPlan(answer: ScriptedPlanAnswer, context: PlanningContext): Checked<Plan> {
  const checked = checkPlanAnswer(answer, context);
  return checked.ok ? finalizePlan(checked.value, context) : checked;
}

function outlineOf(answer: ScriptedPlanAnswer, context: PlanningContext): Outline {
  const checked = checkOutlineAnswer(scriptedOutlineAnswer(answer), context);
  if (!checked.ok) throw new Error(checked.errors.join('\n'));
  return checked.value;
}

describe('checkPlanAnswer and finalizePlan', () => {
  const context = contextFor(SHOP_BRIEF);

  it('maps a good answer to a plan that passes core validation', () => {
    const result = finalPlan(answerFor(SHOP_BRIEF), context);

    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(validatePlan(result.value, { sizeBand: context.settings.sizeBand })).toEqual([]);
    expect(result.value.coverage.uncoveredRequirementIds).toEqual([]);
    expect(result.value.requirements.map((r) => r.id)).toEqual(
      context.requirements.map((r) => r.id),
    );
  });

  it('reports a dependency on a task that does not exist', () => {
    const answer = answerFor(SHOP_BRIEF);
    answer.tasks[1].dependsOn.push('payments-api-99');

    expect(errorsOf(checkPlanAnswer(answer, context))).toEqual([
      `Task ${answer.tasks[1].key} depends on unknown task "payments-api-99"`,
    ]);
  });

  it('reports a dependency cycle with the keys along it', () => {
    const answer = answerFor(SHOP_BRIEF);
    const { first, second } = dependentPair(answer);
    answer.tasks.find((t) => t.key === first)?.dependsOn.push(second);

    const errors = errorsOf(checkPlanAnswer(answer, context));

    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Dependency cycle: /);
    expect(errors[0]).toContain(first);
    expect(errors[0]).toContain(second);
  });

  it('reports an absurd estimate but leaves an oversized one to the size band', () => {
    const absurd = answerFor(SHOP_BRIEF);
    absurd.tasks[0].estimate = { optimistic: 400, likely: 500, pessimistic: 900 };
    const oversized = answerFor(SHOP_BRIEF);
    oversized.tasks[0].estimate = { optimistic: 16, likely: 20, pessimistic: 30 };

    expect(errorsOf(checkPlanAnswer(absurd, context))).toEqual([
      `Task ${absurd.tasks[0].key} likely estimate of 500 h is more than 10 times the band maximum of 8 h`,
    ]);
    const result = finalPlan(oversized, context);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const parts = result.value.tasks.filter((t) => t.title.startsWith(oversized.tasks[0].title));
    expect(parts).toHaveLength(3);
    expect(parts.every((t) => t.estimate.likely <= 8)).toBe(true);
  });

  it('reports an estimate out of order', () => {
    const answer = answerFor(SHOP_BRIEF);
    answer.tasks[0].estimate = { optimistic: 6, likely: 4, pessimistic: 8 };

    expect(errorsOf(checkPlanAnswer(answer, context))[0]).toMatch(/estimate is out of order/);
  });

  it('reports requirements that no task covers, and unknown requirement ids', () => {
    const answer = answerFor(SHOP_BRIEF);
    for (const task of answer.tasks) {
      task.requirementIds = task.requirementIds.filter((id) => id !== 'R2');
    }
    answer.tasks[0].requirementIds.push('R42');

    const errors = errorsOf(checkPlanAnswer(answer, context));

    expect(errors).toContain(`Task ${answer.tasks[0].key} traces to unknown requirement "R42"`);
    expect(errors.some((e) => e.startsWith('Requirement R2 is not covered by any task'))).toBe(
      true,
    );
  });

  it('reports tasks on a platform the project does not target', () => {
    const answer = answerFor(SHOP_BRIEF);
    answer.tasks[0].platform = 'IOS';

    expect(errorsOf(checkPlanAnswer(answer, context))).toEqual([
      `Task ${answer.tasks[0].key} is planned for platform IOS, which this project does not use; use one of WEB, BACKEND, DESIGN, QA, DEVOPS`,
    ]);
  });

  it('reports an empty plan, unknown features and blank texts', () => {
    const empty = { features: [], tasks: [], end: 'END' };
    const answer = answerFor(SHOP_BRIEF);
    answer.tasks[0].featureKey = 'nowhere';
    answer.tasks[1].title = '  ';

    expect(errorsOf(checkPlanAnswer(empty, context))[0]).toBe(
      'The plan has no tasks; plan the work the brief describes',
    );
    expect(errorsOf(checkPlanAnswer(answer, context))).toEqual(
      expect.arrayContaining([
        `Task ${answer.tasks[1].key} has an empty title`,
        `Task ${answer.tasks[0].key} belongs to unknown feature "nowhere"`,
      ]),
    );
  });

  it('normalises skill names, keeps the highest level of a skill and rounds hours to quarters', () => {
    const answer = answerFor(SHOP_BRIEF);
    answer.tasks[0].skills = [
      { skill: 'React Native', minLevel: 2 },
      { skill: 'react_native', minLevel: 4 },
    ];
    answer.tasks[0].estimate = { optimistic: 1.1, likely: 2.1, pessimistic: 3.9 };

    const checked = checkPlanAnswer(answer, context);

    if (!checked.ok) throw new Error(checked.errors.join('\n'));
    expect(checked.value.tasks[0].skills).toEqual([{ skill: 'react-native', minLevel: 4 }]);
    expect(checked.value.tasks[0].estimate).toEqual({ optimistic: 1, likely: 2, pessimistic: 4 });
  });
});

describe('instruction-like requirement lines', () => {
  const context = contextFor(INJECTION_BRIEF);
  const flagged = context.requirements.filter((r) => r.flags?.includes('instruction-like'));

  it('are left uncovered on purpose and reported in the coverage', () => {
    const result = finalPlan(answerFor(INJECTION_BRIEF), context);

    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(flagged.length).toBeGreaterThan(0);
    expect(result.value.coverage.uncoveredRequirementIds).toEqual(flagged.map((r) => r.id));
  });

  it('count as unknown when a task traces to one', () => {
    const answer = answerFor(INJECTION_BRIEF);
    answer.tasks[0].requirementIds.push(flagged[0].id);

    expect(errorsOf(checkPlanAnswer(answer, context))).toEqual([
      `Task ${answer.tasks[0].key} traces to unknown requirement "${flagged[0].id}"`,
    ]);
  });
});

describe('outline and feature answers', () => {
  const context = contextFor(SHOP_BRIEF);

  it('accepts an outline that assigns every requirement to a feature', () => {
    const outline = outlineOf(answerFor(SHOP_BRIEF), context);

    expect(outline.features.flatMap((f) => f.requirementIds).sort()).toEqual(
      context.plannable.map((r) => r.id).sort(),
    );
  });

  it('reports unassigned requirements, unknown ids and duplicate feature keys', () => {
    const outline = scriptedOutlineAnswer(answerFor(SHOP_BRIEF));
    const dropped = outline.features.find((f) => f.requirementIds.length > 0)?.requirementIds.pop();
    outline.features[1].requirementIds.push('R77');
    outline.features.push({ ...outline.features[2] });

    const errors = errorsOf(checkOutlineAnswer(outline, context));

    expect(errors).toEqual(
      expect.arrayContaining([
        `Feature key "${outline.features[2].key}" is used more than once`,
        `Feature ${outline.features[1].key} lists unknown requirement "R77"`,
        expect.stringMatching(new RegExp(`^Requirement ${dropped} is not assigned to any feature`)),
      ]),
    );
  });

  it('lets a feature depend on other features only through their shared task keys', () => {
    const answer = answerFor(SHOP_BRIEF);
    const outline = outlineOf(answer, context);
    const withShared = outline.features.find((f) => f.sharedTaskKeys.length > 0);
    if (!withShared) throw new Error('The outline shares no task');
    const dependent = outline.features.find((f) => f.key !== withShared.key) ?? withShared;
    const tasks = scriptedFeatureTasksAnswer(answer, dependent.key);
    const shared = new Set(outline.features.flatMap((f) => f.sharedTaskKeys));
    const privateKey = answer.tasks.find(
      (t) => t.featureKey !== dependent.key && !shared.has(t.key),
    )?.key;
    tasks.tasks[0].dependsOn.push(withShared.sharedTaskKeys[0]);
    tasks.tasks[0].dependsOn.push(privateKey ?? 'missing');

    const errors = errorsOf(checkFeatureTasksAnswer(tasks, outline, dependent.key, context));

    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      new RegExp(`^Task ${tasks.tasks[0].key} depends on unknown task "${privateKey}"`),
    );
  });

  it('reports a shared task key the feature did not define', () => {
    const answer = answerFor(SHOP_BRIEF);
    const outline = outlineOf(answer, context);
    const feature = outline.features.find((f) => f.sharedTaskKeys.length > 0);
    if (!feature) throw new Error('The outline shares no task');
    const tasks = scriptedFeatureTasksAnswer(answer, feature.key);
    const shared = feature.sharedTaskKeys[0];
    const renamed = tasks.tasks.find((t) => t.key === shared);
    if (renamed) renamed.key = `${shared}-renamed`;
    for (const t of tasks.tasks) {
      t.dependsOn = t.dependsOn.map((d) => (d === shared ? `${shared}-renamed` : d));
    }

    expect(errorsOf(checkFeatureTasksAnswer(tasks, outline, feature.key, context))).toEqual([
      `The outline promises a task "${shared}" in this feature that other features may depend on; define a task with that key`,
    ]);
  });

  it('sends a cycle across features back to every feature on it', () => {
    const answer = answerFor(SHOP_BRIEF);
    const outline = outlineOf(answer, context);
    const byFeature = new Map<string, PlannedTask[]>();
    for (const f of outline.features) {
      const checked = checkFeatureTasksAnswer(
        scriptedFeatureTasksAnswer(answer, f.key),
        outline,
        f.key,
        context,
      );
      if (!checked.ok) throw new Error(checked.errors.join('\n'));
      byFeature.set(f.key, checked.value);
    }
    // A shared task of one feature now waits for the task of another feature that depends on it.
    const dependent = [...byFeature.values()]
      .flat()
      .find((t) =>
        t.dependsOn.some((d) => answer.tasks.find((a) => a.key === d)?.featureKey !== t.featureKey),
      );
    if (!dependent) throw new Error('No task depends on another feature');
    const sharedKey = dependent.dependsOn.find(
      (d) => answer.tasks.find((a) => a.key === d)?.featureKey !== dependent.featureKey,
    ) as string;
    const owner = answer.tasks.find((t) => t.key === sharedKey)?.featureKey as string;
    byFeature.set(
      owner,
      (byFeature.get(owner) ?? []).map((t) =>
        t.key === sharedKey ? { ...t, dependsOn: [...t.dependsOn, dependent.key] } : t,
      ),
    );

    const merged = mergeFeatureTasks(outline, byFeature, context);

    expect(merged.unrouted).toEqual([]);
    expect([...merged.problems.keys()].sort()).toEqual([owner, dependent.featureKey].sort());
    expect(merged.problems.get(owner)?.[0]).toMatch(/^Dependency cycle: .*; break the cycle$/);
  });
});

describe('the answer pipeline', () => {
  const context = contextFor(INJECTION_BRIEF);
  const base = answerFor(INJECTION_BRIEF);
  const keys = base.tasks.map((t) => t.key);

  type Mutation = (answer: ScriptedPlanAnswer) => void;
  /** Applies `change` to the i-th task still there (earlier mutations may have removed some). */
  const onTask =
    (
      i: number,
      change: (task: ScriptedPlanAnswer['tasks'][number], a: ScriptedPlanAnswer) => void,
    ) =>
    (a: ScriptedPlanAnswer) => {
      if (a.tasks.length > 0) change(a.tasks[i % a.tasks.length], a);
    };
  const index = fc.nat(keys.length - 1);
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc
      .tuple(index, fc.constantFrom(...keys, 'ghost-task'))
      .map(([i, dep]) => onTask(i, (t) => void t.dependsOn.push(dep))),
    fc.tuple(index, fc.double({ min: -10, max: 400, noNaN: true })).map(([i, h]) =>
      onTask(i, (t) => {
        t.estimate = { ...t.estimate, likely: h };
      }),
    ),
    fc.tuple(index, fc.constantFrom('R1', 'R3', 'R5', 'R404')).map(([i, id]) =>
      onTask(i, (t) => {
        t.requirementIds = [id];
      }),
    ),
    fc.tuple(index, fc.constantFrom(...keys)).map(([i, key]) =>
      onTask(i, (t) => {
        t.key = key;
      }),
    ),
    fc.tuple(index, fc.constantFrom('IOS', 'QA', 'WEB')).map(([i, platform]) =>
      onTask(i, (t) => {
        t.platform = platform;
      }),
    ),
    index.map(
      (i) => (a: ScriptedPlanAnswer) => void a.tasks.splice(i % Math.max(1, a.tasks.length), 1),
    ),
  );

  it('never accepts an answer whose size-banded plan fails core validation', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const answer = structuredClone(base);
        for (const mutate of mutations) mutate(answer);

        const result = finalPlan(answer, context);

        if (!result.ok) return;
        const issues = validatePlan(result.value, { sizeBand: context.settings.sizeBand });
        expect(
          issues.filter((i) => !context.instructionLikeIds.has(i.requirementId ?? '')),
        ).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
