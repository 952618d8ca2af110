import { JobRunner } from '@splitwork/jobs';
import { ApiHarness, startApi, TestUser } from './api-harness';
import { countStatements, fundedProject, plannedProject } from './market-fixtures';

jest.setTimeout(300_000);

const MY_PROJECTS = `query($first: Int) { myProjects(first: $first) { edges { node {
  id
  tasks { id status price { amountCents currency } }
  funding { id status }
  escrowBalance { amountCents currency }
  planningRuns(first: 2) { edges { node { id } } pageInfo { hasNextPage endCursor } }
  payouts(first: 2) { edges { node { id } } pageInfo { hasNextPage } }
} } } }`;

const RUN_PAGES = `query($first: Int, $runs: Int, $after: String) { myProjects(first: $first) { edges { node {
  id
  planningRuns(first: $runs, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } }
} } } }`;

const RUNS_OF_ONE = `query($id: ID!) { project(id: $id) { planningRuns(first: 10) { edges { node { id } } } } }`;

interface RunPage {
  edges: { node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface ProjectNode {
  id: string;
  tasks: { id: string }[];
  funding: { status: string } | null;
  escrowBalance: { amountCents: number }[];
  planningRuns: RunPage;
  payouts: { edges: unknown[] };
}

describe('relation fields of a project list', () => {
  let api: ApiHarness;
  let owner: TestUser;

  beforeAll(async () => {
    api = await startApi();
    owner = await api.newUser(undefined, 'Paula Pages');
    for (let i = 0; i < 20; i++) {
      await fundedProject(api, { owner, title: `Batch ${i}`, expert: false });
    }
  });
  afterAll(() => api?.close());

  const page = (first: number) =>
    api.gql.ok<{ myProjects: { edges: { node: ProjectNode }[] } }>(
      MY_PROJECTS,
      { first },
      owner.token,
    );

  it('loads tasks, funding and escrow balance of every project on the page', async () => {
    const nodes = (await page(20)).myProjects.edges.map((e) => e.node);
    expect(nodes).toHaveLength(20);
    for (const node of nodes) {
      expect(node.tasks.length).toBeGreaterThan(0);
      expect(node.funding?.status).toBe('SUCCEEDED');
      expect(node.escrowBalance.length).toBeGreaterThan(0);
      expect(node.escrowBalance[0].amountCents).toBeGreaterThan(0);
      expect(node.planningRuns.edges).toHaveLength(1);
      expect(node.payouts.edges).toEqual([]);
    }
  });

  it('costs the same number of SQL statements for 2 projects as for 20', async () => {
    const small = await countStatements(api, () => page(2));
    const large = await countStatements(api, () => page(20));
    expect(large.length).toBe(small.length);
  });

  it("pages each project's planning runs on its own, newest first, as the single-project query does", async () => {
    const planner = await api.newUser(undefined, 'Rita Runs');
    const projectIds = [await plannedProject(api, planner), await plannedProject(api, planner)];
    for (const projectId of projectIds) {
      for (let i = 0; i < 2; i++) {
        await api.gql.ok(
          `mutation($input: PlanProjectInput!) { planProject(input: $input) { run { id } } }`,
          { input: { projectId } },
          planner.token,
        );
        await api.app.get(JobRunner).drain();
      }
    }
    const runsPage = async (after?: string) =>
      (
        await api.gql.ok<{
          myProjects: { edges: { node: { id: string; planningRuns: RunPage } }[] };
        }>(RUN_PAGES, { first: 2, runs: 2, after }, planner.token)
      ).myProjects.edges.map((e) => e.node);

    const first = await runsPage();
    expect(first.map((p) => p.id).sort()).toEqual([...projectIds].sort());
    for (const project of first) {
      const { project: alone } = await api.gql.ok<{ project: { planningRuns: RunPage } }>(
        RUNS_OF_ONE,
        { id: project.id },
        planner.token,
      );
      const all = alone.planningRuns.edges.map((e) => e.node.id);
      expect(all).toHaveLength(3);
      expect(project.planningRuns.edges.map((e) => e.node.id)).toEqual(all.slice(0, 2));
      expect(project.planningRuns.pageInfo.hasNextPage).toBe(true);

      const next = (await runsPage(project.planningRuns.pageInfo.endCursor!)).find(
        (p) => p.id === project.id,
      )!;
      expect(next.planningRuns.edges.map((e) => e.node.id)).toEqual(all.slice(2));
      expect(next.planningRuns.pageInfo.hasNextPage).toBe(false);
    }
  });
});
