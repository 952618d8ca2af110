import { DataSource } from 'typeorm';
import { ErrorCode, Role } from '@splitwork/kernel';
import { errorCodes } from '@splitwork/test-support';
import { ApiHarness, startApi } from './api-harness';

const CREATE = `mutation($input: CreateProjectInput!) {
  createProject(input: $input) {
    project { id title platforms status budget { amountCents currency } rateCard { level hourlyRateCents }
              owner { id displayName } }
  }
}`;
const GET = `query($id: ID!) { project(id: $id) { id title owner { id } } }`;
const MINE = `query($first: Int, $after: String) {
  myProjects(first: $first, after: $after) {
    edges { node { id title owner { id displayName } } } pageInfo { hasNextPage endCursor }
  }
}`;

const BRIEF = `# Bike sharing app
- Riders sign up with email or Apple/Google
- Riders find bikes on a map and unlock them with a QR code
- Riders pay per minute by card`;

function input(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Bike sharing',
    brief: BRIEF,
    platforms: ['IOS', 'ANDROID', 'BACKEND'],
    budgetCents: 2_500_000,
    currency: 'usd',
    ...overrides,
  };
}

describe('projects over GraphQL', () => {
  let api: ApiHarness;
  let dataSource: DataSource;
  beforeAll(async () => {
    api = await startApi();
    dataSource = api.app.get(DataSource);
  });
  afterAll(() => api?.close());

  const projectCount = async (ownerId: string) =>
    Number(
      (
        await dataSource.query('SELECT count(*) AS n FROM projects WHERE owner_id = $1', [ownerId])
      )[0].n,
    );

  it('creates a project for an owner with the default rate card', async () => {
    const owner = await api.factory.user([Role.OWNER], 'Olga');
    const data = await api.gql.ok<{ createProject: { project: Record<string, unknown> } }>(
      CREATE,
      { input: input() },
      owner.token,
    );
    expect(data.createProject.project).toMatchObject({
      title: 'Bike sharing',
      platforms: ['IOS', 'ANDROID', 'BACKEND'],
      status: 'DRAFT',
      budget: { amountCents: 2_500_000, currency: 'USD' },
      owner: { id: owner.id, displayName: 'Olga' },
    });
    expect(data.createProject.project.rateCard).toHaveLength(5);
  });

  it.each([
    ['an empty brief', { brief: '   ' }],
    ['an oversized brief', { brief: 'x'.repeat(100_001) }],
    ['an unsupported platform', { platforms: ['WINDOWS_PHONE'] }],
    ['a negative budget', { budgetCents: -5 }],
    ['a zero budget', { budgetCents: 0 }],
    ['an unknown currency', { currency: 'XYZ' }],
    ['a deadline in the past', { deadline: '2001-01-01T00:00:00Z' }],
    ['an incomplete rate card', { rateCard: [{ level: 1, hourlyRateCents: 1000 }] }],
  ])('refuses %s with a typed error and writes nothing', async (_name, override) => {
    const owner = await api.factory.user([Role.OWNER]);
    const res = await api.gql.request(CREATE, { input: input(override) }, owner.token);
    expect(errorCodes(res)).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(await projectCount(owner.id)).toBe(0);
  });

  it('refuses a freelancer with FORBIDDEN', async () => {
    const freelancer = await api.factory.user([Role.FREELANCER]);
    const res = await api.gql.request(CREATE, { input: input() }, freelancer.token);
    expect(errorCodes(res)).toEqual([ErrorCode.FORBIDDEN]);
    expect(await projectCount(freelancer.id)).toBe(0);
  });

  it('shows a project to its owner and an admin only', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const other = await api.factory.user([Role.OWNER]);
    const created = await api.gql.ok<{ createProject: { project: { id: string } } }>(
      CREATE,
      { input: input() },
      owner.token,
    );
    const id = created.createProject.project.id;
    expect(
      (await api.gql.ok<{ project: { id: string } }>(GET, { id }, owner.token)).project.id,
    ).toBe(id);
    expect(errorCodes(await api.gql.request(GET, { id }, other.token))).toEqual([
      ErrorCode.NOT_FOUND,
    ]);
    expect(errorCodes(await api.gql.request(GET, { id: 'not-a-uuid' }, owner.token))).toEqual([
      ErrorCode.NOT_FOUND,
    ]);
    expect(errorCodes(await api.gql.request(GET, { id }))).toEqual([ErrorCode.UNAUTHENTICATED]);

    const adminToken = (await api.factory.admin()).token;
    expect(
      (await api.gql.ok<{ project: { id: string } }>(GET, { id }, adminToken)).project.id,
    ).toBe(id);
  });

  it("lists only the caller's projects, newest first, page by page, with owners loaded in one batch", async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const other = await api.factory.user([Role.OWNER]);
    await api.gql.ok(CREATE, { input: input({ title: 'Not mine' }) }, other.token);
    for (const title of ['First', 'Second', 'Third']) {
      await api.gql.ok(CREATE, { input: input({ title }) }, owner.token);
    }
    type Page = {
      myProjects: {
        edges: { node: { title: string; owner: { id: string } } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const page1 = await api.gql.ok<Page>(MINE, { first: 2 }, owner.token);
    const page2 = await api.gql.ok<Page>(
      MINE,
      { first: 2, after: page1.myProjects.pageInfo.endCursor },
      owner.token,
    );
    expect(page1.myProjects.edges.map((e) => e.node.title)).toEqual(['Third', 'Second']);
    expect(page2.myProjects.edges.map((e) => e.node.title)).toEqual(['First']);
    expect(page1.myProjects.pageInfo.hasNextPage).toBe(true);
    expect(page2.myProjects.pageInfo.hasNextPage).toBe(false);
    expect(page1.myProjects.edges.every((e) => e.node.owner.id === owner.id)).toBe(true);
  });
});
