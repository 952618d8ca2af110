import { DataSource } from 'typeorm';
import { AppConfig } from '@splitwork/config';
import { createJobRunner, JobRegistry, JobRunner, jobRunnerSettings } from '@splitwork/jobs';
import { Role } from '@splitwork/kernel';
import { resolvePlanSettings } from '@splitwork/planning-core';
import { FakeOpenAiServer, scriptedPlanAnswer } from '@splitwork/test-support';
import { ApiHarness, startApi, TestUser } from './api-harness';

const BRIEF = `# Recipe sharing app
- Cooks sign up with email and password
- Cooks publish recipes with photos and ingredients
- Readers search recipes by ingredient and cooking time
- Readers save favourite recipes and get a weekly email digest`;

const RUN = `query($id: ID!) { planningRun(id: $id) {
  status planner model promptVersion tokensIn tokensOut costUsd modelCalls cacheHit failureReason validationErrors rawOutput } }`;

interface Run {
  status: string;
  planner: string;
  model: string;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  modelCalls: number;
  cacheHit: boolean;
  failureReason: string | null;
  validationErrors: string[];
  rawOutput: string | null;
}

/** Planning through an OpenAI-compatible endpoint (a local fake the real SDK talks to). */
describe('planning with the LLM planner', () => {
  let fake: FakeOpenAiServer;
  let api: ApiHarness;
  let runner: JobRunner;

  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
    api = await startApi({
      OPENAI_API_KEY: 'sk-test-fake',
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_MODEL: 'gpt-4o-mini',
      // Short job leases, so a run's job can change hands within a test.
      JOBS_LEASE_MS: '2000',
      JOBS_HEARTBEAT_MS: '400',
    });
    runner = api.app.get(JobRunner);
  });
  afterAll(async () => {
    await api?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  /** Creates a project from `brief` and asks for a plan; the run waits for a runner. */
  async function startPlanning(
    owner: TestUser,
    brief: string,
  ): Promise<{ runId: string; projectId: string }> {
    const { createProject } = await api.gql.ok<{ createProject: { project: { id: string } } }>(
      `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } } }`,
      {
        input: {
          title: 'Recipes',
          brief,
          platforms: ['WEB', 'BACKEND'],
          budgetCents: 5_000_000,
          currency: 'USD',
        },
      },
      owner.token,
    );
    const projectId = createProject.project.id;
    const { planProject } = await api.gql.ok<{ planProject: { run: { id: string } } }>(
      `mutation($input: PlanProjectInput!) { planProject(input: $input) { run { id } } }`,
      { input: { projectId } },
      owner.token,
    );
    return { runId: planProject.run.id, projectId };
  }

  async function planProject(
    owner: TestUser,
    brief: string,
  ): Promise<{ run: Run; projectId: string }> {
    const { runId, projectId } = await startPlanning(owner, brief);
    await runner.drain();
    const { planningRun } = await api.gql.ok<{ planningRun: Run }>(RUN, { id: runId }, owner.token);
    return { run: planningRun, projectId };
  }

  const taskCount = async (owner: TestUser, projectId: string) =>
    (
      await api.gql.ok<{ project: { plan: { tasks: unknown[] } | null } }>(
        `query($id: ID!) { project(id: $id) { plan { tasks { key } } } }`,
        { id: projectId },
        owner.token,
      )
    ).project.plan?.tasks.length ?? 0;

  const settings = resolvePlanSettings({ currency: 'USD', targetPlatforms: ['WEB', 'BACKEND'] });

  it('stores the model plan with its audit, then serves a repeat from the cache at zero tokens', async () => {
    const owner = await api.newUser([Role.OWNER]);
    fake.script({
      content: JSON.stringify(scriptedPlanAnswer(BRIEF, settings)),
      usage: { promptTokens: 1200, completionTokens: 3400 },
    });
    const first = await planProject(owner, BRIEF);
    expect(first.run).toMatchObject({
      status: 'SUCCEEDED',
      planner: 'LLM',
      model: 'gpt-4o-mini',
      tokensIn: 1200,
      tokensOut: 3400,
      cacheHit: false,
    });
    expect(first.run.costUsd).toBeGreaterThan(0);
    expect(first.run.rawOutput).toContain('"tasks"');
    expect(await taskCount(owner, first.projectId)).toBeGreaterThan(5);
    expect(fake.chatRequests).toHaveLength(1);

    const repeat = await planProject(owner, BRIEF);
    expect(repeat.run).toMatchObject({
      status: 'SUCCEEDED',
      cacheHit: true,
      tokensIn: 0,
      tokensOut: 0,
      costUsd: 0,
    });
    expect(fake.chatRequests).toHaveLength(1);
  });

  it('stores the repaired plan when the first answer has a cycle, keeping the errors for audit', async () => {
    const owner = await api.newUser([Role.OWNER]);
    const brief = `${BRIEF}\n- Readers rate recipes`;
    const good = scriptedPlanAnswer(brief, settings);
    const [b] = good.tasks.filter((t) => t.dependsOn.length > 0);
    const cyclic = {
      ...good,
      tasks: good.tasks.map((t) =>
        t.key === b.dependsOn[0] ? { ...t, dependsOn: [...t.dependsOn, b.key] } : t,
      ),
    };
    fake.script({ content: JSON.stringify(cyclic) }, { content: JSON.stringify(good) });
    const { run } = await planProject(owner, brief);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.modelCalls).toBe(2);
    expect(run.validationErrors.join(' ')).toMatch(/cycle/i);
  });

  it('fails the run with a clear reason and stores no plan when the endpoint keeps failing', async () => {
    const owner = await api.newUser([Role.OWNER]);
    fake.otherwise({
      status: 500,
      body: { error: { message: 'upstream exploded', type: 'server_error' } },
    });
    const { run, projectId } = await planProject(owner, `${BRIEF}\n- Cooks reply to comments`);
    expect(run.status).toBe('FAILED');
    expect(run.failureReason).toMatch(/500|server/i);
    expect(await taskCount(owner, projectId)).toBe(0);
  });

  it('fails the run, storing nothing, when every answer ignores the schema', async () => {
    const owner = await api.newUser([Role.OWNER]);
    fake.otherwise({
      content: 'Sure! Here is a plan: first build the backend, then the frontend.',
    });
    const { run, projectId } = await planProject(owner, `${BRIEF}\n- Cooks export recipes as PDF`);
    expect(run.status).toBe('FAILED');
    expect(run.failureReason).toBeTruthy();
    expect(await taskCount(owner, projectId)).toBe(0);
  });

  it('keeps the audit of the execution that owns the run when a stalled execution answers late', async () => {
    const owner = await api.newUser([Role.OWNER]);
    const brief = `${BRIEF}\n- Cooks schedule recipes for later`;
    const answer = JSON.stringify(scriptedPlanAnswer(brief, settings));
    fake.script(
      // The stalled execution's model call answers long after its lease ran out.
      { content: answer, usage: { promptTokens: 999, completionTokens: 999 }, delayMs: 6_000 },
      { content: answer, usage: { promptTokens: 1200, completionTokens: 3400 } },
    );
    const { runId } = await startPlanning(owner, brief);
    const readRun = async () =>
      (await api.gql.ok<{ planningRun: Run }>(RUN, { id: runId }, owner.token)).planningRun;

    // A runner that takes the job and then never renews its lease (a stalled process).
    const settingsOfApp = jobRunnerSettings(api.app.get(AppConfig));
    const stalled = createJobRunner(
      { ...settingsOfApp, concurrency: 1, lease: { leaseMs: 2_000, heartbeatMs: 3_600_000 } },
      api.app.get(DataSource),
      api.app.get(JobRegistry),
      api.clock,
    );
    const stalledDrain = stalled.drain();
    while (fake.chatRequests.length === 0) await new Promise((r) => setTimeout(r, 50));

    const deadline = Date.now() + 20_000;
    while ((await readRun()).status !== 'SUCCEEDED' && Date.now() < deadline) {
      await runner.drain();
      await new Promise((r) => setTimeout(r, 100));
    }
    await stalledDrain;
    expect(fake.chatRequests).toHaveLength(2);
    expect(await readRun()).toMatchObject({
      status: 'SUCCEEDED',
      tokensIn: 1200,
      tokensOut: 3400,
      modelCalls: 1,
    });
  });
});
