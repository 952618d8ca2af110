import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { JobRunner } from '@splitwork/jobs';
import { Role } from '@splitwork/kernel';
import { resolvePlanSettings } from '@splitwork/planning-core';
import {
  FakeOpenAiServer,
  scriptedPlanAnswer,
  type ScriptedPlanAnswer,
} from '@splitwork/test-support';
import { WRAPPED_TOOL_BRIEF } from './wrapped-brief';
import { ApiHarness, startApi, TestUser } from './api-harness';

/** Pace of a laptop model: 40 tokens per second, one request at a time. */
const TOKENS_PER_SECOND = 40;
const GAP_TIMEOUT_MS = 1_000;

const RUN = `query($id: ID!) { planningRun(id: $id) {
  status planner model costUsd failureReason fallbackReason modelCalls message
  modelCallLog { conversation purpose promptTokens completionTokens durationMs firstTokenMs finishReason responseFormat rawAnswer error } } }`;

interface Run {
  status: string;
  planner: string;
  model: string;
  costUsd: number | null;
  failureReason: string | null;
  fallbackReason: string | null;
  modelCalls: number;
  message: string;
  modelCallLog: {
    conversation: string;
    purpose: string;
    promptTokens: number;
    completionTokens: number;
    durationMs: number;
    firstTokenMs: number | null;
    finishReason: string | null;
    responseFormat: string;
    rawAnswer: string | null;
    error: string | null;
  }[];
}

const settings = resolvePlanSettings({ currency: 'USD', targetPlatforms: ['WEB', 'BACKEND'] });

/**
 * A small but valid plan answer for a two-line brief, about 300 tokens, so
 * that at 40 tokens/s it streams for several seconds: far longer than the
 * gap timeout, and short enough for CI.
 */
function smallAnswer(brief: string): ScriptedPlanAnswer {
  const full = scriptedPlanAnswer(brief, settings);
  const ids = [...new Set(full.tasks.flatMap((t) => t.requirementIds))];
  const covering = [
    ...new Set(ids.map((id) => full.tasks.find((t) => t.requirementIds.includes(id)))),
  ].filter((t) => t !== undefined);
  const keys = new Set(covering.map((t) => t.key));
  return {
    features: full.features.filter((f) => covering.some((t) => t.featureKey === f.key)),
    tasks: covering.map((t) => ({
      ...t,
      description: t.title,
      acceptanceCriteria: t.acceptanceCriteria.slice(0, 2).map((c) => c.slice(0, 40)),
      skills: t.skills.slice(0, 1),
      dependsOn: t.dependsOn.filter((d) => keys.has(d)),
    })),
    end: 'END',
  };
}

/**
 * The LLM path against a local model (a one-slot server paced at 40 tokens/s,
 * refusing json_schema as llama.cpp and Ollama builds without structured
 * outputs do): streaming time is never a timeout, and a run queued behind
 * another waits for its first token instead of failing.
 */
describe('planning with a local model on a single-slot server', () => {
  let fake: FakeOpenAiServer;
  let api: ApiHarness;
  let runner: JobRunner;

  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
    api = await startApi({
      OPENAI_API_KEY: 'local',
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_MODEL: 'llama3.1:8b-instruct-q4_K_M',
      LLM_TOKEN_GAP_TIMEOUT_MS: String(GAP_TIMEOUT_MS),
      LLM_FIRST_TOKEN_TIMEOUT_MS: '60000',
      LLM_CONTEXT_TOKENS: '16384',
      LLM_FEATURE_CONCURRENCY: '1',
      LLM_OFFLINE_FALLBACK: 'true',
      LLM_MAX_RETRIES: '0',
    });
    runner = api.app.get(JobRunner);
  });
  afterAll(async () => {
    await api?.close();
    await fake?.close();
  });

  async function startPlanning(owner: TestUser, brief: string): Promise<string> {
    const { createProject } = await api.gql.ok<{ createProject: { project: { id: string } } }>(
      `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } } }`,
      {
        input: {
          title: 'Local model',
          brief,
          platforms: ['WEB', 'BACKEND'],
          budgetCents: 5_000_000,
          currency: 'USD',
        },
      },
      owner.token,
    );
    const { planProject } = await api.gql.ok<{ planProject: { run: { id: string } } }>(
      `mutation($input: PlanProjectInput!) { planProject(input: $input) { run { id } } }`,
      { input: { projectId: createProject.project.id } },
      owner.token,
    );
    return planProject.run.id;
  }

  it('plans two projects queued on one slot at 40 tokens/s without a timeout, showing tokens as they stream', async () => {
    const briefs = [
      `# Plant swap\n- Members list plants they want to swap\n- Members message each other to arrange a swap`,
      `# Book club\n- Members propose books for the next meeting\n- Members vote on the proposed books`,
    ];
    fake.mode({ slots: 1, tokensPerSecond: TOKENS_PER_SECOND, refuseJsonSchema: true });
    fake.otherwise((request) => {
      const user = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
      const brief = briefs.find((b) => user.includes(b.split('\n')[1].slice(2))) ?? briefs[0];
      return { content: JSON.stringify(smallAnswer(brief)) };
    });
    const owners = [await api.factory.user([Role.OWNER]), await api.factory.user([Role.OWNER])];
    const runIds = [
      await startPlanning(owners[0], briefs[0]),
      await startPlanning(owners[1], briefs[1]),
    ];
    const client = createClient({
      url: api.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${owners[1].token}` },
    });
    const progress: { stage: string; tokensReceived: number | null }[] = [];
    const finished = new Promise<void>((resolve, reject) => {
      client.subscribe<{
        planningRunProgress: { status: string; stage: string; tokensReceived: number | null };
      }>(
        {
          query: `subscription($id: ID!) { planningRunProgress(runId: $id) { status stage tokensReceived } }`,
          variables: { id: runIds[1] },
        },
        {
          next: ({ data }) => {
            if (!data) return;
            progress.push(data.planningRunProgress);
            if (['SUCCEEDED', 'FAILED'].includes(data.planningRunProgress.status)) resolve();
          },
          error: reject,
          complete: () => resolve(),
        },
      );
    });
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();

    // Two runners at once, as two workers (or two job slots) would take the two runs.
    await Promise.all([runner.drain(), runner.drain()]);
    await finished;
    await client.dispose();
    const elapsed = Date.now() - started;

    const runs = await Promise.all(
      runIds.map(
        async (id, i) =>
          (await api.gql.ok<{ planningRun: Run }>(RUN, { id }, owners[i].token)).planningRun,
      ),
    );
    for (const run of runs) {
      expect(run).toMatchObject({
        status: 'SUCCEEDED',
        planner: 'LLM',
        failureReason: null,
        fallbackReason: null,
        // A self-hosted model without a configured price: unknown, not a guess.
        costUsd: null,
      });
      const answered = run.modelCallLog.filter((c) => c.error === null);
      expect(answered).toHaveLength(1);
      // Each answer streamed far longer than the gap timeout.
      expect(answered[0].durationMs - (answered[0].firstTokenMs ?? 0)).toBeGreaterThan(
        3 * GAP_TIMEOUT_MS,
      );
      expect(answered[0]).toMatchObject({ finishReason: 'stop', responseFormat: 'json_object' });
      expect(answered[0].rawAnswer).toContain('"end":"END"');
    }
    // The two requests were served one after the other: one waited in the queue for its
    // first token longer than the gap timeout, and that wait was no timeout.
    expect(fake.maxQueued).toBe(1);
    const waits = runs.map((r) => r.modelCallLog.at(-1)?.firstTokenMs ?? 0);
    expect(Math.max(...waits)).toBeGreaterThan(3 * GAP_TIMEOUT_MS);
    expect(elapsed).toBeLessThan(30_000);
    // The owner watching the second run saw the tokens come in.
    const receiving = progress.filter((p) => p.stage === 'RECEIVING');
    expect(receiving.length).toBeGreaterThanOrEqual(3);
    const counts = receiving.map((p) => p.tokensReceived ?? 0);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.at(-1)).toBeGreaterThan(100);
    expect(progress.some((p) => p.stage === 'WAITING_FOR_MODEL')).toBe(true);
  });

  it('plans with the offline planner when the model fails, says so on the run, and does not cache it', async () => {
    fake.reset();
    fake.otherwise({ status: 500, content: 'model crashed' });
    const owner = await api.factory.user([Role.OWNER]);
    const brief = `# Tool library\n- Neighbours lend tools to each other\n- Borrowers book a tool for a date`;
    const readRun = async (id: string) =>
      (await api.gql.ok<{ planningRun: Run }>(RUN, { id }, owner.token)).planningRun;

    const firstId = await startPlanning(owner, brief);
    await runner.drain();
    const first = await readRun(firstId);

    expect(first).toMatchObject({
      status: 'SUCCEEDED',
      planner: 'LLM',
      failureReason: null,
      fallbackReason: 'The model endpoint kept failing (HTTP 500) after 1 attempt',
    });
    expect(first.message).toMatch(
      /with the offline planner \(fallback: The model endpoint kept failing/,
    );
    expect(first.modelCallLog).toEqual([
      expect.objectContaining({ purpose: 'ask', rawAnswer: null, error: first.fallbackReason }),
    ]);
    const requests = fake.chatRequests.length;

    // Planned again with the same input: the model is asked again, the fallback was not cached.
    const { planningRun } = await api.gql.ok<{ planningRun: { projectId: string } }>(
      `query($id: ID!) { planningRun(id: $id) { projectId } }`,
      { id: firstId },
      owner.token,
    );
    const { planProject } = await api.gql.ok<{ planProject: { run: { id: string } } }>(
      `mutation($input: PlanProjectInput!) { planProject(input: $input) { run { id } } }`,
      { input: { projectId: planningRun.projectId } },
      owner.token,
    );
    await runner.drain();
    const second = await readRun(planProject.run.id);
    expect(second.fallbackReason).toBeTruthy();
    expect(fake.chatRequests.length).toBeGreaterThan(requests);
  });

  it('plans a brief wrapped in headings, links and marketing through the one-slot model at 40 tokens/s, from its requirement lines only', async () => {
    fake.reset();
    fake.mode({ slots: 1, tokensPerSecond: TOKENS_PER_SECOND, refuseJsonSchema: true });
    fake.otherwise(() => ({ content: JSON.stringify(smallAnswer(WRAPPED_TOOL_BRIEF)) }));
    const owner = await api.factory.user([Role.OWNER]);
    const runId = await startPlanning(owner, WRAPPED_TOOL_BRIEF);
    await runner.drain();
    const { planningRun: run } = await api.gql.ok<{ planningRun: Run & { projectId: string } }>(
      `query($id: ID!) { planningRun(id: $id) { projectId status planner failureReason fallbackReason
         modelCallLog { durationMs firstTokenMs finishReason error } } }`,
      { id: runId },
      owner.token,
    );
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      planner: 'LLM',
      failureReason: null,
      fallbackReason: null,
    });
    const answered = run.modelCallLog.filter((c) => c.error === null);
    expect(answered.at(-1)).toMatchObject({ finishReason: 'stop' });
    expect(answered.at(-1)!.durationMs - (answered.at(-1)!.firstTokenMs ?? 0)).toBeGreaterThan(
      3 * GAP_TIMEOUT_MS,
    );

    // The model reads the whole brief as data, and is asked to cover its requirement
    // lines only: never the metadata, links or marketing around them.
    const prompt = fake.chatRequests
      .at(-1)!
      .body.messages.map((m) => m.content)
      .join('\n');
    // The last tagged block: the system prompt names the tags before the data.
    const requirements = prompt.slice(
      prompt.lastIndexOf('<requirements>'),
      prompt.lastIndexOf('</requirements>'),
    );
    expect(requirements).toContain('reserve');
    for (const context of ['Tier: Pro', 'Competitor analysis', 'friendliest way']) {
      expect(requirements).not.toContain(context);
    }
    // The owner reads which lines were taken as requirements, and the plan traces to them.
    const { project } = await api.gql.ok<{
      project: {
        briefLines: { kind: string; text: string }[];
        plan: { tasks: { requirementIds: string[] }[] };
      };
    }>(
      `query($id: ID!) { project(id: $id) { briefLines { kind text } plan { tasks { requirementIds } } } }`,
      { id: run.projectId },
      owner.token,
    );
    const kindOf = (text: string) => project.briefLines.find((l) => l.text.includes(text))?.kind;
    expect([kindOf('Tier: Pro'), kindOf('Competitor analysis'), kindOf('As an MVP')]).toEqual([
      'CONTEXT',
      'CONTEXT',
      'SCOPE',
    ]);
    expect(project.plan.tasks.length).toBeGreaterThan(0);
    expect(project.plan.tasks.every((t) => t.requirementIds.length > 0)).toBe(true);
  });
});
