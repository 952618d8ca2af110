import { PlanningFailure, validatePlan, type PlannerProgress } from '@splitwork/planning-core';
import {
  FakeOpenAiServer,
  scriptedFeatureTasksAnswer,
  scriptedOutlineAnswer,
  type RecordedChatRequest,
  type ScriptedPlanAnswer,
  type ScriptedResponse,
} from './support/fake-openai';
import { FEATURE_TASKS_ANSWER_SCHEMA, OUTLINE_ANSWER_SCHEMA } from '../plan-answer.schema';
import { FEATURE_TASKS_SYSTEM_PROMPT, OUTLINE_SYSTEM_PROMPT } from '../planning-prompts';
import { longBrief, SHOP_BRIEF } from './fixtures/briefs.fixture';
import { answerFor, SETTINGS } from './support/answers';
import { featureKeyOf, plannerOn, schemaNameOf } from './support/fake-endpoint';

let server: FakeOpenAiServer;

beforeAll(async () => {
  server = await FakeOpenAiServer.start();
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => server.reset());

const USAGE = { promptTokens: 2_000, completionTokens: 700 };

/** Answers each per-feature request with that feature's tasks from `answer`, or with `override`. */
function featureResponder(
  answer: ScriptedPlanAnswer,
  override: (request: RecordedChatRequest, feature: string) => ScriptedResponse | undefined = () =>
    undefined,
): (request: RecordedChatRequest) => ScriptedResponse {
  return (request) => {
    const feature = featureKeyOf(request);
    return (
      override(request, feature) ?? {
        content: JSON.stringify(scriptedFeatureTasksAnswer(answer, feature)),
        usage: USAGE,
      }
    );
  };
}

describe('LlmPlanner on a long brief', () => {
  it('plans an outline first, then each feature in its own call, and merges them into a valid plan', async () => {
    const brief = longBrief();
    expect(brief.length).toBeGreaterThan(12_000);
    const answer = answerFor(brief);
    const outline = scriptedOutlineAnswer(answer);
    const features = outline.features.length;
    server
      .script({ content: JSON.stringify(outline), usage: USAGE })
      .otherwise(featureResponder(answer));
    const { planner } = plannerOn(server);
    const progress: PlannerProgress[] = [];

    const result = await planner.plan({
      brief,
      settings: SETTINGS,
      onProgress: (p) => progress.push(p),
    });

    expect(validatePlan(result.plan, { sizeBand: SETTINGS.sizeBand })).toEqual([]);
    expect(result.plan.features.map((f) => f.key)).toEqual(outline.features.map((f) => f.key));
    expect(result.plan.tasks).toHaveLength(answer.tasks.length);
    expect(server.chatRequests).toHaveLength(1 + features);
    expect(result.audit).toMatchObject({
      calls: 1 + features,
      tokensIn: USAGE.promptTokens * (1 + features),
      tokensOut: USAGE.completionTokens * (1 + features),
      costMicroUsd: Math.round(
        (1 + features) * (USAGE.promptTokens * 0.15 + USAGE.completionTokens * 0.6),
      ),
      validationErrors: [],
    });
    const [first, ...rest] = server.chatRequests;
    expect(first.body.messages[0].content).toBe(OUTLINE_SYSTEM_PROMPT);
    expect(first.body.response_format?.json_schema).toEqual({
      name: 'splitwork_plan_outline',
      strict: true,
      schema: OUTLINE_ANSWER_SCHEMA,
    });
    expect(new Set(rest.map(schemaNameOf))).toEqual(new Set(['splitwork_feature_tasks']));
    expect(rest[0].body.response_format?.json_schema?.schema).toEqual(FEATURE_TASKS_ANSWER_SCHEMA);
    expect(rest.every((r) => r.body.messages[0].content === FEATURE_TASKS_SYSTEM_PROMPT)).toBe(
      true,
    );
    expect(rest.map(featureKeyOf).sort()).toEqual(outline.features.map((f) => f.key).sort());
    expect(result.audit.rawOutput).toContain('--- outline ---');
    const stages = new Set(progress.map((p) => p.stage));
    expect([...stages]).toEqual([
      'EXTRACTING',
      'OUTLINING',
      'WAITING_FOR_MODEL',
      'RECEIVING',
      'FEATURE',
      'VALIDATING',
    ]);
    // Streamed answers finish in any order; the last one to finish completes the count.
    const done = progress.filter((p) => p.stage === 'FEATURE').map((p) => p.message);
    const last = done.find((m) => m.startsWith(`Planned ${features}/${features} features (`));
    const feature = outline.features.find((f) => last?.includes(`(${f.title}: `));
    expect(feature).toBeDefined();
    expect(last).toBe(
      `Planned ${features}/${features} features (${feature?.title}: ${
        scriptedFeatureTasksAnswer(answer, feature?.key ?? '').tasks.length
      } tasks)`,
    );
    const percents = progress.map((p) => p.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
  });

  it('keeps each feature call to the shared task keys of other features', async () => {
    const answer = answerFor(SHOP_BRIEF);
    const outline = scriptedOutlineAnswer(answer);
    server.script({ content: JSON.stringify(outline) }).otherwise(featureResponder(answer));
    const { planner } = plannerOn(server, { longBriefChars: 200 });

    await planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS });

    for (const request of server.chatRequests.slice(1)) {
      const feature = featureKeyOf(request);
      const external = outline.features
        .filter((f) => f.key !== feature)
        .flatMap((f) => f.sharedTaskKeys);
      expect(request.body.messages[1].content).toContain(
        `- Besides this feature's own tasks, dependsOn may use only: ${external.join(', ') || 'nothing else'}.`,
      );
    }
  });

  it('sends a dependency cycle across features back to the features on it', async () => {
    const answer = answerFor(SHOP_BRIEF);
    const outline = scriptedOutlineAnswer(answer);
    // A task that depends on a shared task of another feature; that shared task will wait for it.
    const dependent = answer.tasks.find((t) =>
      t.dependsOn.some((d) => answer.tasks.find((a) => a.key === d)?.featureKey !== t.featureKey),
    );
    if (!dependent) throw new Error('No task depends on another feature');
    const sharedKey = dependent.dependsOn.find(
      (d) => answer.tasks.find((a) => a.key === d)?.featureKey !== dependent.featureKey,
    ) as string;
    const owner = answer.tasks.find((t) => t.key === sharedKey)?.featureKey as string;
    // The dependent's key must be shared for the owner to be allowed to name it.
    outline.features
      .find((f) => f.key === dependent.featureKey)
      ?.sharedTaskKeys.push(dependent.key);
    server.script({ content: JSON.stringify(outline) }).otherwise(
      featureResponder(answer, (request, feature) => {
        if (feature !== owner || request.body.messages.length > 2) return undefined;
        const tasks = scriptedFeatureTasksAnswer(answer, feature);
        tasks.tasks.find((t) => t.key === sharedKey)?.dependsOn.push(dependent.key);
        return { content: JSON.stringify(tasks) };
      }),
    );
    const { planner } = plannerOn(server, { longBriefChars: 200 });

    const result = await planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS });

    expect(validatePlan(result.plan, { sizeBand: SETTINGS.sizeBand })).toEqual([]);
    const repairs = server.chatRequests.filter((r) => r.body.messages.length > 2);
    expect(repairs.map(featureKeyOf).sort()).toEqual([owner, dependent.featureKey].sort());
    for (const repair of repairs) {
      expect(repair.body.messages[2].content).toMatch(/- Dependency cycle: .*; break the cycle/);
      expect(repair.body.messages[2].content).toMatch(/Answer with a correction only/);
    }
    expect(result.audit.calls).toBe(1 + outline.features.length + 2);
    expect(
      result.audit.validationErrors.some((e) =>
        e.startsWith(`[feature ${owner}] Dependency cycle`),
      ),
    ).toBe(true);
  });

  it('queues three feature calls on a one-slot server without a timeout: the wait is for the first token', async () => {
    const answer = answerFor(SHOP_BRIEF);
    const outline = scriptedOutlineAnswer(answer);
    const sizes = outline.features.map(
      (f) => JSON.stringify(scriptedFeatureTasksAnswer(answer, f.key)).length / 4,
    );
    // Each feature answer streams for about 0.4 s; the gap timeout is 150 ms.
    const pace = Math.ceil(Math.max(...sizes) / 0.4);
    server
      .mode({ slots: 1, tokensPerSecond: pace })
      .script({ content: JSON.stringify(outline) })
      .otherwise(featureResponder(answer));
    const { planner } = plannerOn(server, {
      longBriefChars: 200,
      featureConcurrency: 3,
      tokenGapTimeoutMs: 150,
      firstTokenTimeoutMs: 10_000,
    });

    const result = await planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS });

    expect(validatePlan(result.plan, { sizeBand: SETTINGS.sizeBand })).toEqual([]);
    expect(server.maxQueued).toBe(2);
    const features = result.audit.modelCalls?.filter((c) => c.conversation.startsWith('feature '));
    expect(features).toHaveLength(outline.features.length);
    expect(features?.every((c) => c.error === null && c.attempts === 1)).toBe(true);
    expect(Math.max(...(features ?? []).map((c) => c.firstTokenMs ?? 0))).toBeGreaterThan(300);
  });

  it('repairs an outline that leaves a requirement out', async () => {
    const answer = answerFor(SHOP_BRIEF);
    const outline = scriptedOutlineAnswer(answer);
    const partial = structuredClone(outline);
    const withRequirements = partial.features.find((f) => f.requirementIds.length > 0);
    const dropped = withRequirements?.requirementIds.pop();
    server
      .script({ content: JSON.stringify(partial) }, { content: JSON.stringify(outline) })
      .otherwise(featureResponder(answer));
    const { planner } = plannerOn(server, { longBriefChars: 200 });

    const result = await planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS });

    expect(validatePlan(result.plan, { sizeBand: SETTINGS.sizeBand })).toEqual([]);
    expect(result.audit.validationErrors).toEqual([
      expect.stringMatching(
        new RegExp(`^\\[outline\\] Requirement ${dropped} is not assigned to any feature`),
      ),
    ]);
    expect(server.chatRequests).toHaveLength(2 + outline.features.length);
    // The outline is small: it is shown back as the model's own turn, before its problems.
    const repair = server.chatRequests[1].body.messages;
    expect(repair.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(repair[2].content).toBe(JSON.stringify(partial));
  });

  it('fails with the feature named when its tasks stay invalid, and starts no more features', async () => {
    const answer = answerFor(SHOP_BRIEF);
    const outline = scriptedOutlineAnswer(answer);
    const broken = outline.features[0];
    server
      .script({ content: JSON.stringify(outline) })
      .otherwise(
        featureResponder(answer, (_request, feature) =>
          feature === broken.key
            ? { content: 'I would rather describe this in prose.' }
            : undefined,
        ),
      );
    const { planner } = plannerOn(server, { longBriefChars: 200, featureConcurrency: 1 });

    const failure = await planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS }).then(
      () => undefined,
      (e: unknown) => e,
    );

    if (!(failure instanceof PlanningFailure)) throw new Error('Expected a PlanningFailure');
    expect(failure.reason).toBe(
      `The model's answer for feature "${broken.title}" was still invalid after 2 repair attempts: ` +
        'The answer is prose, not JSON ("I would rather describe this in prose."); answer with one JSON object only',
    );
    expect(failure.audit.calls).toBe(1 + 3);
    expect(server.chatRequests).toHaveLength(4);
  });
});
