import { ApiHarness, startApi, TestUser } from './api-harness';
import { countStatements, fundedProject } from './market-fixtures';

jest.setTimeout(300_000);

const MY_PROJECTS = `query($first: Int) { myProjects(first: $first) { edges { node {
  id
  tasks { id status price { amountCents currency } }
  funding { id status }
  escrowBalance { amountCents currency }
} } } }`;

interface ProjectNode {
  id: string;
  tasks: { id: string }[];
  funding: { status: string } | null;
  escrowBalance: { amountCents: number }[];
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
    }
  });

  it('costs the same number of SQL statements for 2 projects as for 20', async () => {
    const small = await countStatements(api, () => page(2));
    const large = await countStatements(api, () => page(20));
    expect(large.length).toBe(small.length);
  });
});
