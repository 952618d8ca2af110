import { Role } from '@splitwork/kernel';
import { errorCodes } from '@splitwork/test-support';
import { ApiHarness, startApi, TestUser } from './api-harness';
import * as fixtures from './market-fixtures';

jest.setTimeout(180_000);

/*
 * recommendedReviewers: how an owner finds the reviewer to make the project's
 * expert. Approved reviewers whose skills cover the project's tasks, most
 * covered first, never one with a conflict of interest in the project.
 */

interface Skill {
  skill: string;
  minLevel: number;
}

interface Task {
  id: string;
  status: string;
  skills: Skill[];
}

interface Candidate {
  reviewerId: string;
  displayName: string;
  coveredTasks: number;
  projectTasks: number;
  reviewsWritten: number;
  approvalsWritten: number;
  profile: { skills: Skill[] };
}

interface Page {
  edges: { cursor: string; node: Candidate }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const RECOMMENDED = `query($projectId: ID!, $first: Int, $after: String) {
  recommendedReviewers(projectId: $projectId, first: $first, after: $after) {
    edges { cursor node { reviewerId displayName coveredTasks projectTasks reviewsWritten
      approvalsWritten profile { skills { skill minLevel } } } }
    pageInfo { hasNextPage endCursor } } }`;
const REVIEWER_PROFILE = `mutation($input: UpdateReviewerProfileInput!) {
  updateReviewerProfile(input: $input) { skills { skill } } }`;
const CLAIM = `mutation($input: TaskRefInput!) { claimTask(input: $input) { id } }`;
const ORGANIZATION = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`;
const MEMBERS = `mutation($input: OrganizationMembersInput!) { addOrganizationMembers(input: $input) { id } }`;
const POLICY = `mutation($input: SetProjectReviewPolicyInput!) {
  setProjectReviewPolicy(input: $input) { excludeSameOrganizationReviewers } }`;

/** Tasks whose every required skill `held` has at the level (the queue's fit rule). */
const covered = (tasks: readonly Task[], held: readonly { skill: string; level: number }[]) =>
  tasks.filter((t) =>
    t.skills.every((r) => held.some((h) => h.skill === r.skill && h.level >= r.minLevel)),
  ).length;

describe('recommendedReviewers: the owner finds a reviewer for the project', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.close());

  async function page(user: TestUser, projectId: string, first: number, after?: string | null) {
    return (
      await api.gql.ok<{ recommendedReviewers: Page }>(
        RECOMMENDED,
        { projectId, first, after: after ?? null },
        user.token,
      )
    ).recommendedReviewers;
  }

  /** Every candidate, page by page. */
  async function all(user: TestUser, projectId: string, first = 100): Promise<Candidate[]> {
    const found: Candidate[] = [];
    let after: string | null = null;
    do {
      const p: Page = await page(user, projectId, first, after);
      found.push(...p.edges.map((e) => e.node));
      after = p.pageInfo.hasNextPage ? p.pageInfo.endCursor : null;
    } while (after);
    return found;
  }

  async function reviewer(
    name: string,
    skills: { skill: string; level: number }[],
    roles = [Role.REVIEWER],
  ): Promise<TestUser> {
    const user = await api.factory.user(roles, name);
    await api.gql.ok(REVIEWER_PROFILE, { input: { skills } }, user.token);
    return user;
  }

  it('lists fitting reviewers most covered tasks first, without the owner, the work holders, the expert, those who fit nothing or share an excluded organization', async () => {
    const owner = await api.factory.user([Role.OWNER, Role.REVIEWER], 'Oona Owner');
    const { projectId, tasks } = await fixtures.fundedProject<Task>(api, {
      owner,
      expert: false,
      taskFields: 'id status skills { skill minLevel }',
    });
    const allSkills = [...new Set(tasks.flatMap((t) => t.skills.map((s) => s.skill)))].map(
      (skill) => ({ skill, level: 5 }),
    );
    const someSkills = tasks[0].skills.map((s) => ({ skill: s.skill, level: 5 }));
    await api.gql.ok(REVIEWER_PROFILE, { input: { skills: allSkills } }, owner.token);

    const full = await reviewer('Fiona Full', allSkills);
    const partial = await reviewer('Paul Partial', someSkills);
    // Organizations hold freelancers: the colleague also freelances.
    const colleague = await reviewer('Cora Colleague', allSkills, [Role.FREELANCER, Role.REVIEWER]);
    const expert = await reviewer('Ezra Expert', allSkills);
    const unfit = await reviewer('Uma Unfit', [{ skill: 'cobol', level: 5 }]);
    // A freelancer who is also a reviewer holds one of the project's tasks.
    const holder = await reviewer('Hugo Holder', allSkills, [Role.FREELANCER, Role.REVIEWER]);
    await api.gql.ok(
      `mutation($input: UpdateFreelancerProfileInput!) { updateFreelancerProfile(input: $input) { weeklyHours } }`,
      { input: { skills: allSkills, weeklyHours: 30 } },
      holder.token,
    );
    const open = tasks.find((t) => t.status === 'OPEN')!;
    await api.gql.ok(CLAIM, { input: { taskId: open.id } }, holder.token);
    const { createOrganization } = await api.gql.ok<{ createOrganization: { id: string } }>(
      ORGANIZATION,
      { input: { name: `Holder & Co ${Date.now()}` } },
      owner.token,
    );
    await api.gql.ok(
      MEMBERS,
      { input: { organizationId: createOrganization.id, userIds: [holder.id, colleague.id] } },
      owner.token,
    );

    const mine = (list: Candidate[]) =>
      list.filter((c) =>
        [full, partial, colleague, expert, unfit, holder, owner].some((u) => u.id === c.reviewerId),
      );
    const before = mine(await all(owner, projectId));
    // Full coverage first; ties by id, so the three full ones come in id order.
    const fullIds = [full.id, colleague.id, expert.id].sort();
    const partialCovered = covered(tasks, someSkills);
    expect(before.map((c) => c.reviewerId)).toEqual(
      partialCovered === tasks.length ? [...fullIds, partial.id].sort() : [...fullIds, partial.id],
    );
    const fiona = before.find((c) => c.reviewerId === full.id)!;
    expect(fiona).toMatchObject({
      displayName: 'Fiona Full',
      coveredTasks: tasks.length,
      projectTasks: tasks.length,
      reviewsWritten: 0,
      approvalsWritten: 0,
    });
    expect(fiona.profile.skills).toEqual(allSkills.map((s) => ({ skill: s.skill, minLevel: 5 })));
    expect(before.find((c) => c.reviewerId === partial.id)!.coveredTasks).toBe(partialCovered);

    // The owner makes Ezra the expert and excludes reviewers sharing an organization with a holder.
    await fixtures.assignExpert(api, owner, projectId, expert);
    await api.gql.ok(
      POLICY,
      { input: { projectId, excludeSameOrganizationReviewers: true } },
      owner.token,
    );
    const after = mine(await all(owner, projectId));
    expect(after.map((c) => c.reviewerId).sort()).toEqual([full.id, partial.id].sort());
    // The expert sees the same list.
    expect(mine(await all(expert, projectId)).map((c) => c.reviewerId)).toEqual(
      after.map((c) => c.reviewerId),
    );
  });

  it('pages by keyset: one at a time gives the same list as one page, in the same number of statements', async () => {
    const { owner, projectId, tasks } = await fixtures.fundedProject<Task>(api, {
      expert: false,
      taskFields: 'id status skills { skill minLevel }',
    });
    const skills = [...new Set(tasks.flatMap((t) => t.skills.map((s) => s.skill)))];
    for (let i = 0; i < 4; i++) {
      await reviewer(
        `Page Reviewer ${i}`,
        skills.map((skill) => ({ skill, level: 5 })),
      );
    }
    const whole = await all(owner, projectId, 100);
    const oneByOne = await all(owner, projectId, 1);
    expect(whole.length).toBeGreaterThanOrEqual(4);
    expect(oneByOne.map((c) => c.reviewerId)).toEqual(whole.map((c) => c.reviewerId));
    const covers = whole.map((c) => c.coveredTasks);
    expect(covers).toEqual([...covers].sort((a, b) => b - a));

    const small = await fixtures.countStatements(api, () => page(owner, projectId, 1));
    const large = await fixtures.countStatements(api, () => page(owner, projectId, 100));
    expect(small.length).toBeGreaterThan(0);
    expect(large.length).toBe(small.length);
    expect(large.length).toBeLessThanOrEqual(4);
  });

  it('answers NOT_FOUND to anyone but the owner, the expert and an admin, and BAD_USER_INPUT to a forged cursor', async () => {
    const { owner, reviewer: expert, projectId } = await fixtures.fundedProject(api);
    const otherOwner = await api.factory.user([Role.OWNER]);
    const freelancer = await api.factory.user([Role.FREELANCER]);
    const otherReviewer = await api.factory.user([Role.REVIEWER]);
    for (const outsider of [otherOwner, freelancer, otherReviewer]) {
      const res = await api.gql.request(RECOMMENDED, { projectId, first: 5 }, outsider.token);
      expect(errorCodes(res)).toEqual(['NOT_FOUND']);
    }
    const missing = await api.gql.request(
      RECOMMENDED,
      { projectId: '00000000-0000-4000-8000-000000000000', first: 5 },
      owner.token,
    );
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
    const admin = await api.factory.admin();
    for (const insider of [owner, expert, admin]) await page(insider, projectId, 5);

    const forged = Buffer.from(JSON.stringify(['many', expert.id])).toString('base64url');
    const bad = await api.gql.request(
      RECOMMENDED,
      { projectId, first: 5, after: forged },
      owner.token,
    );
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
  });
});
