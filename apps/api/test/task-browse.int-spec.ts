import { DataSource } from 'typeorm';
import { ErrorCode, Role } from '@splitwork/kernel';
import { errorCodes } from '@splitwork/test-support';
import { ApiHarness, startApi, TestUser } from './api-harness';
import { BoardTask, fundedProject, qualifiedFreelancer } from './market-fixtures';

jest.setTimeout(300_000);

interface Node {
  id: string;
  projectId: string;
  platform: string;
  price: { amountCents: number };
  estimate: { likely: number };
  skills: { skill: string }[];
}
interface Page {
  openTasks: {
    edges: { cursor: string; node: Node }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const OPEN_TASKS = `query($first: Int, $after: String, $sort: TaskSort, $projectId: ID, $platform: String,
  $skills: [String!], $skillMatch: SkillMatch, $minPriceCents: Int, $maxPriceCents: Int,
  $minLikelyHours: Float, $maxLikelyHours: Float) {
  openTasks(first: $first, after: $after, sort: $sort, projectId: $projectId, platform: $platform,
    skills: $skills, skillMatch: $skillMatch, minPriceCents: $minPriceCents, maxPriceCents: $maxPriceCents,
    minLikelyHours: $minLikelyHours, maxLikelyHours: $maxLikelyHours) {
    edges { cursor node { id projectId platform price { amountCents } estimate { likely } skills { skill } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('browsing the open tasks', () => {
  let api: ApiHarness;
  let db: DataSource;
  let owner: TestUser;
  let viewer: TestUser;
  let projectIds: string[];
  let open: BoardTask[];

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    owner = await api.newUser([Role.OWNER], 'Olivia Public');
    const a = await fundedProject(api, { owner, title: 'Reading club', expert: false });
    const b = await fundedProject(api, { owner, title: 'Second club', expert: false });
    projectIds = [a.projectId, b.projectId];
    open = [...a.tasks, ...b.tasks].filter((t) => t.status === 'OPEN');
    viewer = await qualifiedFreelancer(api, open);
  });
  afterAll(() => api?.close());

  /** Every page of a sort, following endCursor. */
  async function walk(variables: Record<string, unknown>, pageSize = 5): Promise<Node[]> {
    const nodes: Node[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5000; i++) {
      const { openTasks }: Page = await api.gql.ok<Page>(
        OPEN_TASKS,
        { ...variables, first: pageSize, after, projectId: variables['projectId'] ?? null },
        viewer.token,
      );
      nodes.push(...openTasks.edges.map((e) => e.node));
      if (!openTasks.pageInfo.hasNextPage) break;
      after = openTasks.pageInfo.endCursor;
    }
    return nodes.filter((n) => projectIds.includes(n.projectId));
  }

  it.each([
    ['PRICE_DESC', (a: Node, b: Node) => b.price.amountCents - a.price.amountCents],
    ['PRICE_ASC', (a: Node, b: Node) => a.price.amountCents - b.price.amountCents],
    ['ESTIMATE_ASC', (a: Node, b: Node) => a.estimate.likely - b.estimate.likely],
  ])('pages through every open task once in %s order', async (sort, compare) => {
    const nodes = await walk({ sort });
    expect(nodes.map((n) => n.id).sort()).toEqual(open.map((t) => t.id).sort());
    for (let i = 1; i < nodes.length; i++)
      expect(compare(nodes[i - 1], nodes[i])).toBeLessThanOrEqual(0);
  });

  it('pages NEWEST as the reverse of OLDEST, with no task twice', async () => {
    const oldest = await walk({ sort: 'OLDEST' });
    const newest = await walk({ sort: 'NEWEST' });
    expect(new Set(oldest.map((n) => n.id)).size).toBe(open.length);
    expect(newest.map((n) => n.id)).toEqual([...oldest].reverse().map((n) => n.id));
  });

  it('filters by price range, likely hours, platform, project and skills', async () => {
    const prices = open.map((t) => t.price.amountCents).sort((a, b) => a - b);
    const mid = prices[Math.floor(prices.length / 2)];
    const cheap = await walk({ maxPriceCents: mid }, 50);
    expect(cheap.length).toBe(open.filter((t) => t.price.amountCents <= mid).length);
    const dear = await walk({ minPriceCents: mid + 1 }, 50);
    expect(dear.every((n) => n.price.amountCents > mid)).toBe(true);

    const hours = open[0].estimate.likely;
    const exact = await walk({ minLikelyHours: hours, maxLikelyHours: hours }, 50);
    expect(exact.length).toBe(open.filter((t) => t.estimate.likely === hours).length);

    const platform = open[0].platform;
    const onPlatform = await walk({ platform }, 50);
    expect(onPlatform.length).toBe(open.filter((t) => t.platform === platform).length);

    const inProject = await walk({ projectId: projectIds[1] }, 50);
    expect(inProject.every((n) => n.projectId === projectIds[1])).toBe(true);
    expect(inProject.length).toBeGreaterThan(0);

    const [s1, s2] = [...new Set(open.flatMap((t) => t.skills.map((s) => s.skill)))];
    const any = await walk({ skills: [s1, s2], skillMatch: 'ANY' }, 50);
    const has = (t: { skills: { skill: string }[] }, s?: string) =>
      t.skills.some((x) => x.skill === s);
    expect(any.length).toBe(open.filter((t) => has(t, s1) || has(t, s2)).length);
    const all = await walk({ skills: [s1, s2], skillMatch: 'ALL' }, 50);
    expect(all.length).toBe(open.filter((t) => has(t, s1) && has(t, s2)).length);
  });

  it('rejects min above max and a forged cursor with BAD_USER_INPUT', async () => {
    for (const variables of [
      { minPriceCents: 500, maxPriceCents: 100 },
      { minLikelyHours: 5, maxLikelyHours: 1 },
      { sort: 'PRICE_ASC', after: Buffer.from('["not a number","x"]').toString('base64url') },
      {
        sort: 'OLDEST',
        after: Buffer.from('["yesterday","00000000-0000-0000-0000-000000000000"]').toString(
          'base64url',
        ),
      },
    ]) {
      const res = await api.gql.request(OPEN_TASKS, variables, viewer.token);
      expect(errorCodes(res)).toEqual([ErrorCode.BAD_USER_INPUT]);
    }
  });

  it('hides the tasks of a private pool from freelancers outside it', async () => {
    const hidden = await fundedProject(api, { owner, title: 'Private club', expert: false });
    const member = await qualifiedFreelancer(api, hidden.tasks);
    await db.query(`INSERT INTO project_talent_pools (project_id) VALUES ($1)`, [hidden.projectId]);
    await db.query(`INSERT INTO project_pool_members (project_id, freelancer_id) VALUES ($1, $2)`, [
      hidden.projectId,
      member.id,
    ]);
    const seen = async (who: TestUser) =>
      (await api.gql.ok<Page>(OPEN_TASKS, { projectId: hidden.projectId, first: 50 }, who.token))
        .openTasks.edges.length;
    expect(await seen(viewer)).toBe(0);
    expect(await seen(member)).toBe(hidden.tasks.filter((t) => t.status === 'OPEN').length);
  });

  it('follows the pool set through the API: an organization only, then listed freelancers, then public again', async () => {
    const pooled = await fundedProject(api, { owner, title: 'Guild club', expert: false });
    const openCount = pooled.tasks.filter((t) => t.status === 'OPEN').length;
    const member = await qualifiedFreelancer(api, pooled.tasks);
    const listed = await qualifiedFreelancer(api, pooled.tasks);
    const seen = async (who: TestUser) =>
      (await api.gql.ok<Page>(OPEN_TASKS, { projectId: pooled.projectId, first: 50 }, who.token))
        .openTasks.edges.length;
    const { createOrganization } = await api.gql.ok<{ createOrganization: { id: string } }>(
      `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      { input: { name: 'Guild' } },
      owner.token,
    );
    await api.gql.ok(
      `mutation($input: OrganizationMembersInput!) { addOrganizationMembers(input: $input) { id } }`,
      { input: { organizationId: createOrganization.id, userIds: [member.id] } },
      owner.token,
    );
    const setPool = (input: Record<string, unknown>) =>
      api.gql.ok(
        `mutation($input: SetProjectTalentPoolInput!) { setProjectTalentPool(input: $input) }`,
        { input: { projectId: pooled.projectId, ...input } },
        owner.token,
      );
    expect(await seen(viewer)).toBe(openCount);

    await setPool({ organizationId: createOrganization.id });
    expect([await seen(viewer), await seen(member), await seen(listed)]).toEqual([0, openCount, 0]);

    await setPool({ freelancerIds: [listed.id] });
    expect([await seen(viewer), await seen(member), await seen(listed)]).toEqual([0, 0, openCount]);

    await api.gql.ok(
      `mutation($input: ProjectRefInput!) { clearProjectTalentPool(input: $input) }`,
      { input: { projectId: pooled.projectId } },
      owner.token,
    );
    expect([await seen(viewer), await seen(member), await seen(listed)]).toEqual([
      openCount,
      openCount,
      openCount,
    ]);
  });

  it('shows the project summary, the owner name and the dependencies without the brief or budget', async () => {
    await db.query(
      `UPDATE marketplace_tasks SET status = 'OPEN' WHERE project_id = $1 AND cardinality(depends_on) > 0`,
      [projectIds[0]],
    );
    const { openTasks } = await api.gql.ok<{
      openTasks: {
        edges: {
          node: {
            dependsOn: string[];
            project: { id: string; title: string; platforms: string[] };
            owner: { displayName: string };
            dependencies: { id: string; key: string; title: string; status: string }[];
          };
        }[];
      };
    }>(
      `query($p: ID) { openTasks(first: 30, projectId: $p) { edges { node {
        dependsOn project { id title platforms } owner { displayName } dependencies { id key title status } } } } }`,
      { p: projectIds[0] },
      viewer.token,
    );
    const withDeps = openTasks.edges.filter((e) => e.node.dependsOn.length > 0);
    expect(withDeps.length).toBeGreaterThan(0);
    for (const { node } of openTasks.edges) {
      expect(node.project).toEqual({
        id: projectIds[0],
        title: 'Reading club',
        platforms: ['WEB', 'BACKEND'],
      });
      expect(node.owner).toEqual({ displayName: 'Olivia Public' });
      expect(node.dependencies.map((d) => d.key).sort()).toEqual([...node.dependsOn].sort());
    }
    const leak = await api.gql.request(
      `{ openTasks(first: 1) { edges { node { project { brief } } } } }`,
      {},
      viewer.token,
    );
    expect(errorCodes(leak)).toEqual([ErrorCode.GRAPHQL_VALIDATION_FAILED]);
  });

  it('recommends open tasks matching the profile, best first, with the score breakdown', async () => {
    const mine = open[0].skills.map((s) => s.skill);
    const specialist = await api.newUser([Role.FREELANCER]);
    await api.gql.ok(
      `mutation($input: UpdateFreelancerProfileInput!) { updateFreelancerProfile(input: $input) { skills { skill } } }`,
      {
        input: {
          skills: mine.map((skill) => ({ skill, level: 5 })),
          weeklyHours: 30,
          hourlyRateCents: 5000,
        },
      },
      specialist.token,
    );
    const { recommendedTasks } = await api.gql.ok<{
      recommendedTasks: {
        score: number;
        task: { skills: { skill: string }[] };
        components: { coverage: number; level: number; rate: number };
      }[];
    }>(
      `{ recommendedTasks(first: 50) { score task { id skills { skill } } components { coverage level reputation rate availability } weights { coverage } } }`,
      {},
      specialist.token,
    );
    expect(recommendedTasks.length).toBeGreaterThan(0);
    for (const r of recommendedTasks) {
      // Only tasks the freelancer qualifies for: every required skill is theirs.
      expect(r.task.skills.every((s) => mine.includes(s.skill))).toBe(true);
      expect(r.components.coverage).toBe(1);
    }
    const scores = recommendedTasks.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('tells a freelancer without a profile to fill it in', async () => {
    const newcomer = await api.newUser([Role.FREELANCER]);
    const res = await api.gql.request(`{ recommendedTasks { score } }`, {}, newcomer.token);
    expect(errorCodes(res)).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(res.errors?.[0]?.message).toMatch(/profile/);
  });
});
