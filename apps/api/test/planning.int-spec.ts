import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { DataSource } from 'typeorm';
import { JobRunner } from '@splitwork/jobs';
import { ErrorCode, Role } from '@splitwork/kernel';
import { errorCodes } from '@splitwork/test-support';
import { ApiHarness, startApi, TestUser } from './api-harness';

const BRIEF = `# Pet sitting marketplace

Owners find trusted sitters near them and book them for walks or overnight stays.

## Must have
- Owners and sitters sign up with email and password
- Sitters publish a profile with photos, rates and availability
- Owners search sitters by location, date and price
- Owners book a sitter and pay by card; the sitter is paid after the stay
- Owners and sitters chat in real time
- Both get push notifications for new bookings and messages
- Owners leave a review and a rating after each stay
- An admin back-office to handle disputes and refunds`;

const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } } }`;
const PLAN = `mutation($input: PlanProjectInput!) { planProject(input: $input) { run { id status stage planner } } }`;
const RUN = `query($id: ID!) { planningRun(id: $id) {
  id status stage percent message planner model promptVersion schemaVersion inputHash
  cacheHit tokensIn tokensOut costUsd latencyMs failureReason validationErrors } }`;
const PLAN_OF = `query($id: ID!) { project(id: $id) { status plan {
  version runId
  features { key title }
  tasks { key featureKey title acceptanceCriteria platform skills { skill minLevel }
          estimate { optimistic likely pessimistic expected } price { amountCents currency }
          dependsOn requirementIds locked addedByOwner }
  requirements { id text }
  summary { taskCount total { amountCents currency } hours { likely }
            budget { overBudget overBy { amountCents } budget { amountCents } }
            coverage { totalCount coveredCount uncoveredRequirementIds entries { requirementId taskKeys } } }
  forecast(freelancers: 4) { freelancers p50Cost { amountCents } p90Cost { amountCents } p50DurationDays p90DurationDays criticalPath
    fixedPrice { amountCents } pricedHours p50EffortHours p90EffortHours p50DurationHours p90DurationHours
    projectCorrelation skillCorrelation
    overrun { probability p50Hours p90Hours p50Value { amountCents } p90Value { amountCents } } }
  mermaid csv json } } }`;
const UPDATE = `mutation($input: UpdatePlanTaskInput!) { updatePlanTask(input: $input) { version tasks { key title locked dependsOn } } }`;
const ADD = `mutation($input: AddPlanTaskInput!) { addPlanTask(input: $input) { version tasks { key title } } }`;
const REMOVE = `mutation($input: PlanTaskRefInput!) { removePlanTask(input: $input) { version tasks { key dependsOn } } }`;
const EXPAND = `mutation($input: ExpandPlanTaskInput!) { expandPlanTask(input: $input) { version tasks { key title estimate { likely } } } }`;

interface Task {
  key: string;
  featureKey: string;
  title: string;
  dependsOn: string[];
  locked: boolean;
  addedByOwner: boolean;
  estimate: { likely: number };
  price: { amountCents: number; currency: string };
}
interface PlanData {
  project: {
    status: string;
    plan: {
      version: number;
      tasks: Task[];
      summary: {
        taskCount: number;
        total: { amountCents: number };
        budget: { overBudget: boolean; overBy: { amountCents: number } };
        coverage: { totalCount: number; coveredCount: number; uncoveredRequirementIds: string[] };
      };
      forecast: {
        fixedPrice: { amountCents: number };
        p50Cost: { amountCents: number };
        p90Cost: { amountCents: number };
        pricedHours: number;
        p50EffortHours: number;
        p90EffortHours: number;
        p50DurationHours: number;
        p90DurationHours: number;
        p50DurationDays: number;
        p90DurationDays: number;
        criticalPath: string[];
        projectCorrelation: number;
        skillCorrelation: number;
        overrun: {
          probability: number;
          p50Hours: number;
          p90Hours: number;
          p50Value: { amountCents: number };
          p90Value: { amountCents: number };
        };
      };
      mermaid: string;
      csv: string;
      json: string;
    } | null;
  };
}

describe('planning over GraphQL', () => {
  let api: ApiHarness;
  let runner: JobRunner;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await startApi();
    runner = api.app.get(JobRunner);
    dataSource = api.app.get(DataSource);
  });
  afterAll(() => api?.close());

  async function newProject(
    owner: TestUser,
    overrides: Record<string, unknown> = {},
  ): Promise<string> {
    const data = await api.gql.ok<{ createProject: { project: { id: string } } }>(
      CREATE,
      {
        input: {
          title: 'Pets',
          brief: BRIEF,
          platforms: ['WEB', 'IOS', 'BACKEND'],
          budgetCents: 9_000_000,
          currency: 'USD',
          ...overrides,
        },
      },
      owner.token,
    );
    return data.createProject.project.id;
  }

  async function plan(owner: TestUser, projectId: string, extra: Record<string, unknown> = {}) {
    const data = await api.gql.ok<{ planProject: { run: { id: string; status: string } } }>(
      PLAN,
      { input: { projectId, ...extra } },
      owner.token,
    );
    return data.planProject.run;
  }

  async function planAndWait(owner: TestUser, projectId: string) {
    const run = await plan(owner, projectId);
    await runner.drain();
    return (
      await api.gql.ok<{ planningRun: Record<string, unknown> }>(RUN, { id: run.id }, owner.token)
    ).planningRun;
  }

  const readPlan = (owner: TestUser, id: string) =>
    api.gql.ok<PlanData>(PLAN_OF, { id }, owner.token);
  const runCount = async (projectId: string) =>
    Number(
      (
        await dataSource.query('SELECT count(*) AS n FROM planning_runs WHERE project_id = $1', [
          projectId,
        ])
      )[0].n,
    );

  it('queues a run at once, then stores a priced, traced, forecast plan', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const projectId = await newProject(owner);
    const queued = await plan(owner, projectId);
    expect(queued).toMatchObject({ status: 'QUEUED', planner: 'OFFLINE' });

    await runner.drain();
    const run = (
      await api.gql.ok<{ planningRun: Record<string, unknown> }>(
        RUN,
        { id: queued.id },
        owner.token,
      )
    ).planningRun;
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      percent: 100,
      model: 'offline',
      cacheHit: false,
      failureReason: null,
    });
    expect(run.inputHash).toMatch(/^[0-9a-f]{64}$/);

    const { project } = await readPlan(owner, projectId);
    expect(project.status).toBe('PLANNED');
    const p = project.plan!;
    expect(p.summary.coverage.totalCount).toBeGreaterThanOrEqual(8);
    expect(p.summary.coverage.coveredCount).toBe(p.summary.coverage.totalCount);
    expect(p.tasks.every((t) => t.estimate.likely >= 1 && t.estimate.likely <= 8)).toBe(true);
    expect(
      p.tasks.every((t) => Number.isInteger(t.price.amountCents) && t.price.currency === 'USD'),
    ).toBe(true);
    expect(p.summary.total.amountCents).toBe(p.tasks.reduce((s, t) => s + t.price.amountCents, 0));
    expect(p.tasks.some((t) => t.title.match(/iOS/i))).toBe(true);
    expect(p.forecast.p90Cost.amountCents).toBeGreaterThanOrEqual(p.forecast.p50Cost.amountCents);
    expect(p.forecast.p90DurationDays).toBeGreaterThanOrEqual(p.forecast.p50DurationDays);
    expect(p.forecast.criticalPath.length).toBeGreaterThan(1);
    expect(p.mermaid).toMatch(/^(graph|flowchart) TD/);
    expect(p.csv.split('\r\n')[0]).toMatch(/title/i);
    expect(JSON.parse(p.json)).toHaveProperty('tasks');
  });

  it('flags a plan over the budget with the amount', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const projectId = await newProject(owner, { budgetCents: 100_000 });
    await planAndWait(owner, projectId);
    const { summary } = (await readPlan(owner, projectId)).project.plan!;
    expect(summary.budget.overBudget).toBe(true);
    expect(summary.budget.overBy.amountCents).toBe(summary.total.amountCents - 100_000);
  });

  it('pushes the progress of a run over a subscription', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const projectId = await newProject(owner);
    const queued = await plan(owner, projectId);
    const client = createClient({
      url: api.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${owner.token}` },
    });
    const events: { status: string; stage: string; percent: number }[] = [];
    const done = new Promise<void>((resolve, reject) => {
      client.subscribe<{ planningRunProgress: { status: string; stage: string; percent: number } }>(
        {
          query: `subscription($id: ID!) { planningRunProgress(runId: $id) { status stage percent message } }`,
          variables: { id: queued.id },
        },
        {
          next: ({ data }) => {
            if (!data) return;
            events.push(data.planningRunProgress);
            if (['SUCCEEDED', 'FAILED'].includes(data.planningRunProgress.status)) resolve();
          },
          error: reject,
          complete: () => resolve(),
        },
      );
    });
    // Let the subscription reach the server before the run starts.
    await new Promise((r) => setTimeout(r, 300));
    await runner.drain();
    await done;
    await client.dispose();
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events[events.length - 1]).toMatchObject({ status: 'SUCCEEDED', percent: 100 });
    const percents = events.map((e) => e.percent);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
  });

  it("refuses a subscription to another owner's run", async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const other = await api.factory.user([Role.OWNER]);
    const queued = await plan(owner, await newProject(owner));
    const client = createClient({
      url: api.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${other.token}` },
    });
    const codes = await new Promise<string[]>((resolve) => {
      client.subscribe(
        {
          query: `subscription($id: ID!) { planningRunProgress(runId: $id) { status } }`,
          variables: { id: queued.id },
        },
        {
          // An error of the subscribe step arrives as a result carrying errors.
          next: (result) =>
            resolve(
              (result.errors ?? []).map(
                (e) => (e.extensions?.code as string | undefined) ?? 'no code',
              ),
            ),
          error: (errors: unknown) =>
            resolve(
              (errors as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code ?? ''),
            ),
          complete: () => resolve([]),
        },
      );
    });
    await client.dispose();
    await runner.drain();
    expect(codes).toEqual([ErrorCode.NOT_FOUND]);
  });

  it('refuses a second run while one is in flight, and edits meanwhile, writing nothing', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const projectId = await newProject(owner);
    await planAndWait(owner, projectId);
    const before = (await readPlan(owner, projectId)).project.plan!;
    await plan(owner, projectId);
    const again = await api.gql.request(PLAN, { input: { projectId } }, owner.token);
    expect(errorCodes(again)).toEqual([ErrorCode.CONFLICT]);
    const edit = await api.gql.request(
      UPDATE,
      { input: { projectId, key: before.tasks[0].key, title: 'x' } },
      owner.token,
    );
    expect(errorCodes(edit)).toEqual([ErrorCode.CONFLICT]);
    expect(await runCount(projectId)).toBe(2);
    await runner.drain();
  });

  it('serves a repeat of the same input from the cache at zero tokens', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const first = await planAndWait(owner, await newProject(owner));
    const second = await planAndWait(owner, await newProject(owner));
    expect(second).toMatchObject({
      status: 'SUCCEEDED',
      cacheHit: true,
      tokensIn: 0,
      tokensOut: 0,
      costUsd: 0,
    });
    expect(second.inputHash).toBe(first.inputHash);
  });

  it('lets the owner edit, add, remove and expand tasks, refusing cycles', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const projectId = await newProject(owner);
    await planAndWait(owner, projectId);
    const p = (await readPlan(owner, projectId)).project.plan!;
    const child = p.tasks.find((t) => t.dependsOn.length > 0)!;
    const parent = child.dependsOn[0];

    const cycle = await api.gql.request(
      UPDATE,
      { input: { projectId, key: parent, dependsOn: [child.key] } },
      owner.token,
    );
    expect(errorCodes(cycle)).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(cycle.errors![0].message).toMatch(/cycle/i);
    expect((await readPlan(owner, projectId)).project.plan!.version).toBe(p.version);

    const edited = await api.gql.ok<{
      updatePlanTask: { version: number; tasks: { key: string; title: string }[] };
    }>(
      UPDATE,
      {
        input: {
          projectId,
          key: child.key,
          title: 'Owner wording',
          acceptanceCriteria: ['Done when the owner says so'],
        },
      },
      owner.token,
    );
    expect(edited.updatePlanTask.version).toBe(p.version + 1);
    expect(edited.updatePlanTask.tasks.find((t) => t.key === child.key)?.title).toBe(
      'Owner wording',
    );

    const added = await api.gql.ok<{ addPlanTask: { tasks: { key: string; title: string }[] } }>(
      ADD,
      {
        input: {
          projectId,
          featureKey: child.featureKey,
          title: 'Accessibility audit',
          description: 'WCAG 2.2 AA pass',
          acceptanceCriteria: ['No AA violations in axe'],
          skills: [{ skill: 'accessibility', minLevel: 3 }],
          platform: 'QA',
          estimate: { optimistic: 2, likely: 3, pessimistic: 5 },
          dependsOn: [child.key],
          requirementIds: [],
        },
      },
      owner.token,
    );
    expect(added.addPlanTask.tasks.some((t) => t.title === 'Accessibility audit')).toBe(true);

    const removed = await api.gql.ok<{
      removePlanTask: { tasks: { key: string; dependsOn: string[] }[] };
    }>(REMOVE, { input: { projectId, key: child.key } }, owner.token);
    expect(
      removed.removePlanTask.tasks.some(
        (t) => t.key === child.key || t.dependsOn.includes(child.key),
      ),
    ).toBe(false);

    const big = (await readPlan(owner, projectId)).project.plan!.tasks.find(
      (t) => t.estimate.likely >= 2,
    )!;
    const countBefore = (await readPlan(owner, projectId)).project.plan!.tasks.length;
    const expanded = await api.gql.ok<{
      expandPlanTask: { tasks: { key: string; title: string }[] };
    }>(EXPAND, { input: { projectId, key: big.key, parts: 2 } }, owner.token);
    expect(expanded.expandPlanTask.tasks).toHaveLength(countBefore + 1);
    const base = big.title.replace(/\s*\(part [^()]+\)$/, '');
    expect(
      expanded.expandPlanTask.tasks.filter((t) => t.title.startsWith(base)).length,
    ).toBeGreaterThanOrEqual(2);
    expect(expanded.expandPlanTask.tasks.find((t) => t.key === big.key)?.title).not.toBe(big.title);
  });

  it('keeps locked tasks through a re-plan', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const projectId = await newProject(owner);
    await planAndWait(owner, projectId);
    const task = (await readPlan(owner, projectId)).project.plan!.tasks[3];
    await api.gql.ok(
      UPDATE,
      { input: { projectId, key: task.key, title: 'Kept as is', locked: true } },
      owner.token,
    );
    const rerun = await planAndWait(owner, projectId);
    expect(rerun.status).toBe('SUCCEEDED');
    const kept = (await readPlan(owner, projectId)).project.plan!.tasks.find(
      (t) => t.key === task.key,
    );
    expect(kept).toMatchObject({ title: 'Kept as is', locked: true });
  });

  it('keeps every task the owner added through re-plans until the owner removes it', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const projectId = await newProject(owner);
    await planAndWait(owner, projectId);
    const first = (await readPlan(owner, projectId)).project.plan!;
    const anchorTask = first.tasks.find((t) => t.dependsOn.length > 0)!;
    const addition = {
      projectId,
      featureKey: anchorTask.featureKey,
      description: 'Owner asked for it',
      acceptanceCriteria: ['Report attached to the task'],
      skills: [{ skill: 'accessibility', minLevel: 3 }],
      platform: 'QA',
      estimate: { optimistic: 2, likely: 3, pessimistic: 5 },
      requirementIds: [],
    };
    await api.gql.ok(
      ADD,
      { input: { ...addition, title: 'Accessibility audit', dependsOn: [anchorTask.key] } },
      owner.token,
    );
    await api.gql.ok(
      ADD,
      { input: { ...addition, title: 'Load test the booking API', dependsOn: [] } },
      owner.token,
    );
    const ownerTasks = async () =>
      (await readPlan(owner, projectId)).project.plan!.tasks.filter((t) => t.addedByOwner);
    const added = await ownerTasks();
    expect(added.map((t) => t.title).sort()).toEqual([
      'Accessibility audit',
      'Load test the booking API',
    ]);

    expect((await planAndWait(owner, projectId)).status).toBe('SUCCEEDED');
    const afterReplan = await ownerTasks();
    expect(afterReplan).toEqual(added);
    const audit = afterReplan.find((t) => t.title === 'Accessibility audit')!;
    expect(audit.dependsOn).toEqual([anchorTask.key]);

    await api.gql.ok(REMOVE, { input: { projectId, key: audit.key } }, owner.token);
    expect((await planAndWait(owner, projectId)).status).toBe('SUCCEEDED');
    const finalTasks = (await readPlan(owner, projectId)).project.plan!.tasks;
    expect(finalTasks.filter((t) => t.addedByOwner).map((t) => t.title)).toEqual([
      'Load test the booking API',
    ]);
    expect(finalTasks.some((t) => t.title === 'Accessibility audit')).toBe(false);
  });

  it('forecasts the fixed price apart from the duration and the overrun risk', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const projectId = await newProject(owner);
    await planAndWait(owner, projectId);
    const { forecast, summary } = (await readPlan(owner, projectId)).project.plan!;

    expect(forecast.fixedPrice.amountCents).toBe(summary.total.amountCents);
    expect(forecast.p90Cost.amountCents / forecast.p50Cost.amountCents).toBeGreaterThan(1.08);
    expect(forecast.p90EffortHours).toBeGreaterThan(forecast.p50EffortHours);
    expect(forecast.p90DurationHours).toBeGreaterThan(forecast.p50DurationHours);
    expect(forecast.overrun.p90Hours).toBeGreaterThan(forecast.overrun.p50Hours);
    expect(forecast.overrun.p90Value.amountCents).toBeGreaterThan(0);
    expect(forecast.overrun.probability).toBeGreaterThan(0);
    expect(forecast.overrun.probability).toBeLessThan(1);
    expect(forecast.projectCorrelation + forecast.skillCorrelation).toBeGreaterThan(0);
  });

  it('exports the plan for Jira, GitHub and Mermaid with dependencies as links', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const projectId = await newProject(owner);
    await planAndWait(owner, projectId);
    const { project } = await api.gql.ok<{
      project: {
        plan: {
          tasks: { key: string; dependsOn: string[] }[];
          jiraCsv: string;
          githubScript: string;
          mermaidDiagrams: { key: string; mermaid: string }[];
        };
      };
    }>(
      `query($id: ID!) { project(id: $id) { plan { tasks { key dependsOn }
        jiraCsv githubScript mermaidDiagrams { key mermaid } } } }`,
      { id: projectId },
      owner.token,
    );
    const { tasks, jiraCsv, githubScript, mermaidDiagrams } = project.plan;
    const header = jiraCsv.split('\r\n')[0].split(',');
    const linked = tasks.filter((t) => t.dependsOn.length > 0).length;

    expect(header.slice(0, 4)).toEqual(['Issue Id', 'Parent', 'Issue Type', 'Summary']);
    expect(jiraCsv.split('\r\n')[0]).toContain('"Link ""Blocks"""');
    expect(githubScript).toMatch(/^#!\/usr\/bin\/env bash\n/);
    expect(githubScript.match(/^make_issue 'task:/gm)).toHaveLength(tasks.length);
    expect(githubScript.match(/^link_issue 'task:[^ ]+' '### Blocked by'/gm)).toHaveLength(linked);
    expect(mermaidDiagrams[0].key).toBe('overview');
    expect(mermaidDiagrams.every((d) => d.mermaid.length < 50_000)).toBe(true);
  });

  it('refuses a fourth export in one request, counting the new tracker exports', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const projectId = await newProject(owner);
    const response = await api.gql.request(
      `query($id: ID!) { project(id: $id) { plan { jiraCsv githubScript githubIssues
        mermaidDiagrams { key } } } }`,
      { id: projectId },
      owner.token,
    );
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it("hides a project's plan and runs from other owners and refuses their edits", async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const other = await api.factory.user([Role.OWNER]);
    const projectId = await newProject(owner);
    const run = await planAndWait(owner, projectId);
    const key = (await readPlan(owner, projectId)).project.plan!.tasks[0].key;
    expect(errorCodes(await api.gql.request(RUN, { id: run.id }, other.token))).toEqual([
      ErrorCode.NOT_FOUND,
    ]);
    expect(errorCodes(await api.gql.request(PLAN, { input: { projectId } }, other.token))).toEqual([
      ErrorCode.NOT_FOUND,
    ]);
    const edit = await api.gql.request(
      UPDATE,
      { input: { projectId, key, title: 'Mine now' } },
      other.token,
    );
    expect(errorCodes(edit)).toEqual([ErrorCode.NOT_FOUND]);
    expect((await readPlan(owner, projectId)).project.plan!.tasks[0].title).not.toBe('Mine now');
  });

  it('refuses a size band whose minimum exceeds its maximum, queuing nothing', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const projectId = await newProject(owner);
    const res = await api.gql.request(
      PLAN,
      { input: { projectId, sizeBand: { minHours: 6, maxHours: 2 } } },
      owner.token,
    );
    expect(errorCodes(res)).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(await runCount(projectId)).toBe(0);
  });
});
