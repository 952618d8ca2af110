import { JobRunner } from '@splitwork/jobs';
import { ErrorCode, Role } from '@splitwork/kernel';
import { errorCodes } from '@splitwork/test-support';
import { DataSource } from 'typeorm';
import { ApiHarness, startApi } from './api-harness';
import * as fixtures from './market-fixtures';

const BRIEF = `# Book club app
- Members sign up with email
- Members create reading lists`;

interface Task {
  id: string;
  status: string;
  skills: { skill: string; minLevel: number }[];
  dependsOn: string[];
  assigneeId: string | null;
  claimDeadline: string | null;
}

const TASK_FIELDS = 'id status skills { skill minLevel } dependsOn assigneeId claimDeadline';
const PROJECT_TASKS = `query($id: ID!) { project(id: $id) { tasks { ${TASK_FIELDS} } } }`;
const CLAIM = `mutation($input: TaskRefInput!) { claimTask(input: $input) { ${TASK_FIELDS} } }`;
const OFFER = `mutation($input: OfferTaskInput!) { offerTask(input: $input) {
  offer { id status source freelancerId expiresAt } task { ${TASK_FIELDS} } } }`;
const ACCEPT = `mutation($input: TaskRefInput!) { acceptTaskOffer(input: $input) { ${TASK_FIELDS} } }`;
const DECLINE = `mutation($input: TaskRefInput!) { declineTaskOffer(input: $input) { ${TASK_FIELDS} } }`;
const MY_OFFERS = `query { myTaskOffers(first: 10) { edges { node { taskId status source task { id status } } } } }`;
const HOUR = 3600 * 1000;

interface OfferPayload {
  offerTask: {
    offer: { id: string; status: string; source: string; freelancerId: string; expiresAt: string };
    task: Task;
  };
}
interface MyOffers {
  myTaskOffers: {
    edges: { node: { taskId: string; status: string; source: string; task: { id: string } } }[];
  };
}

describe('marketplace: offers, pools and minimum reputation', () => {
  let api: ApiHarness;
  let runner: JobRunner;

  beforeAll(async () => {
    api = await startApi();
    runner = api.app.get(JobRunner);
  });
  afterAll(() => api?.close());

  /** A funded project with an expert; `open` its OPEN tasks and `task` the first of them. */
  async function fundedProject() {
    const funded = await fixtures.fundedProject<Task>(api, {
      brief: BRIEF,
      taskFields: TASK_FIELDS,
    });
    const open = funded.tasks.filter((t) => t.status === 'OPEN');
    return { ...funded, open, task: open[0] };
  }

  /** A freelancer with every skill of the given tasks at level 5. */
  const qualifiedFreelancer = (...tasks: Task[]) => fixtures.qualifiedFreelancer(api, tasks);

  async function taskStatus(projectId: string, taskId: string, token: string): Promise<Task> {
    const { project } = await api.gql.ok<{ project: { tasks: Task[] } }>(
      PROJECT_TASKS,
      { id: projectId },
      token,
    );
    return project.tasks.find((t) => t.id === taskId)!;
  }

  describe('invitations', () => {
    it('offers a task to one freelancer, keeps rivals out, and the invitee accepts it as a claim', async () => {
      const { owner, task } = await fundedProject();
      const invitee = await qualifiedFreelancer(task);
      const rival = await qualifiedFreelancer(task);

      const { offerTask } = await api.gql.ok<OfferPayload>(
        OFFER,
        { input: { taskId: task.id, freelancerId: invitee.id, expiresInHours: 12 } },
        owner.token,
      );
      expect(offerTask.task.status).toBe('OFFERED');
      expect(offerTask.offer).toMatchObject({
        status: 'PENDING',
        source: 'MANUAL',
        freelancerId: invitee.id,
      });
      expect(new Date(offerTask.offer.expiresAt).getTime() - api.clock.now().getTime()).toBe(
        12 * HOUR,
      );

      const mine = await api.gql.ok<MyOffers>(MY_OFFERS, {}, invitee.token);
      expect(mine.myTaskOffers.edges.map((e) => e.node.task.id)).toEqual([task.id]);
      const theirs = await api.gql.ok<MyOffers>(MY_OFFERS, {}, rival.token);
      expect(theirs.myTaskOffers.edges).toEqual([]);

      expect(
        errorCodes(await api.gql.request(CLAIM, { input: { taskId: task.id } }, rival.token)),
      ).toEqual([ErrorCode.CONFLICT]);
      expect(
        errorCodes(await api.gql.request(ACCEPT, { input: { taskId: task.id } }, rival.token)),
      ).toEqual([ErrorCode.NOT_FOUND]);

      const { acceptTaskOffer } = await api.gql.ok<{ acceptTaskOffer: Task }>(
        ACCEPT,
        { input: { taskId: task.id } },
        invitee.token,
      );
      expect(acceptTaskOffer).toMatchObject({ status: 'CLAIMED', assigneeId: invitee.id });
      expect(acceptTaskOffer.claimDeadline).not.toBeNull();
      expect((await api.gql.ok<MyOffers>(MY_OFFERS, {}, invitee.token)).myTaskOffers.edges).toEqual(
        [],
      );
      const jobs = await api.app
        .get(DataSource)
        .query(`SELECT 1 FROM task_offers WHERE task_id = $1 AND status = 'ACCEPTED'`, [task.id]);
      expect(jobs).toHaveLength(1);
    });

    it('reopens the task for everyone when the invitee declines', async () => {
      const { owner, task, projectId } = await fundedProject();
      const invitee = await qualifiedFreelancer(task);
      const other = await qualifiedFreelancer(task);
      await api.gql.ok(
        OFFER,
        { input: { taskId: task.id, freelancerId: invitee.id } },
        owner.token,
      );

      const { declineTaskOffer } = await api.gql.ok<{ declineTaskOffer: Task }>(
        DECLINE,
        { input: { taskId: task.id } },
        invitee.token,
      );
      expect(declineTaskOffer).toMatchObject({ status: 'OPEN', assigneeId: null });
      expect(
        errorCodes(await api.gql.request(ACCEPT, { input: { taskId: task.id } }, invitee.token)),
      ).toEqual([ErrorCode.NOT_FOUND]);
      const claimed = await api.gql.ok<{ claimTask: Task }>(
        CLAIM,
        { input: { taskId: task.id } },
        other.token,
      );
      expect(claimed.claimTask.assigneeId).toBe(other.id);
      expect((await taskStatus(projectId, task.id, owner.token)).status).toBe('CLAIMED');
    });

    it('returns an unanswered offer to OPEN when it expires', async () => {
      const { owner, task, projectId } = await fundedProject();
      const invitee = await qualifiedFreelancer(task);
      await api.gql.ok(
        OFFER,
        { input: { taskId: task.id, freelancerId: invitee.id, expiresInHours: 1 } },
        owner.token,
      );
      await runner.drain();
      expect((await taskStatus(projectId, task.id, owner.token)).status).toBe('OFFERED');

      api.clock.advance(HOUR + 60_000);
      try {
        await fixtures.makeDelayedJobsDue(api);
        await runner.drain();
        const ownerToken = await fixtures.logIn(api, owner);
        expect((await taskStatus(projectId, task.id, ownerToken)).status).toBe('OPEN');
        const inviteeToken = await fixtures.logIn(api, invitee);
        expect(
          errorCodes(await api.gql.request(ACCEPT, { input: { taskId: task.id } }, inviteeToken)),
        ).toEqual([ErrorCode.NOT_FOUND]);
        const [offer] = await api.app
          .get(DataSource)
          .query(`SELECT status FROM task_offers WHERE task_id = $1`, [task.id]);
        expect(offer.status).toBe('EXPIRED');
      } finally {
        api.clock.advance(-(HOUR + 60_000));
      }
    });

    it('refuses an offer to a freelancer who lacks the skills, and writes nothing', async () => {
      const { owner, task, projectId } = await fundedProject();
      const novice = await api.newUser([Role.FREELANCER]);
      const refused = await api.gql.request(
        OFFER,
        { input: { taskId: task.id, freelancerId: novice.id } },
        owner.token,
      );
      expect(errorCodes(refused)).toEqual([ErrorCode.FORBIDDEN]);
      expect(refused.errors?.[0]?.extensions?.['reason']).toBe('SKILLS');
      expect((await taskStatus(projectId, task.id, owner.token)).status).toBe('OPEN');
      const rows = await api.app
        .get(DataSource)
        .query(`SELECT 1 FROM task_offers WHERE task_id = $1`, [task.id]);
      expect(rows).toHaveLength(0);
    });

    it('refuses an offer to a freelancer at the active-claims limit', async () => {
      const first = await fundedProject();
      const { owner, open: more } = await fundedProject();
      const open = [...first.open, ...more];
      expect(open.length).toBeGreaterThanOrEqual(4);
      const busy = await qualifiedFreelancer(...open);
      for (const t of open.slice(0, 3)) {
        await api.gql.ok(CLAIM, { input: { taskId: t.id } }, busy.token);
      }
      const refused = await api.gql.request(
        OFFER,
        { input: { taskId: open[open.length - 1].id, freelancerId: busy.id } },
        owner.token,
      );
      expect(errorCodes(refused)).toEqual([ErrorCode.CONFLICT]);
      expect(refused.errors?.[0]?.extensions?.['reason']).toBe('ACTIVE_CLAIMS_LIMIT');
    });

    it('refuses an offer window out of bounds with BAD_USER_INPUT', async () => {
      const { owner, task, projectId } = await fundedProject();
      const invitee = await qualifiedFreelancer(task);
      const refused = await api.gql.request(
        OFFER,
        { input: { taskId: task.id, freelancerId: invitee.id, expiresInHours: 500 } },
        owner.token,
      );
      expect(errorCodes(refused)).toEqual([ErrorCode.BAD_USER_INPUT]);
      expect((await taskStatus(projectId, task.id, owner.token)).status).toBe('OPEN');
    });

    it('lets the owner, the project expert and an admin offer, and hides the task from others', async () => {
      const { owner, reviewer, open } = await fundedProject();
      const [a, b] = open;
      const c = (await fundedProject()).task;
      const invitee = await qualifiedFreelancer(a, b, c);
      const stranger = await api.newUser([Role.OWNER]);
      const otherReviewer = await api.newUser([Role.REVIEWER]);
      const admin = await api.newAdmin();

      for (const outsider of [stranger, otherReviewer]) {
        expect(
          errorCodes(
            await api.gql.request(
              OFFER,
              { input: { taskId: a.id, freelancerId: invitee.id } },
              outsider.token,
            ),
          ),
        ).toEqual([ErrorCode.NOT_FOUND]);
      }
      expect(
        errorCodes(
          await api.gql.request(
            OFFER,
            { input: { taskId: a.id, freelancerId: invitee.id } },
            invitee.token,
          ),
        ),
      ).toEqual([ErrorCode.FORBIDDEN]);

      await api.gql.ok(OFFER, { input: { taskId: a.id, freelancerId: invitee.id } }, owner.token);
      await api.gql.ok(
        OFFER,
        { input: { taskId: b.id, freelancerId: invitee.id } },
        reviewer.token,
      );
      await api.gql.ok(OFFER, { input: { taskId: c.id, freelancerId: invitee.id } }, admin.token);
      // An OFFERED task cannot be offered again.
      expect(
        errorCodes(
          await api.gql.request(
            OFFER,
            { input: { taskId: a.id, freelancerId: invitee.id } },
            owner.token,
          ),
        ),
      ).toEqual([ErrorCode.INVALID_TRANSITION]);
    });
  });

  describe('private talent pools', () => {
    const SET_POOL = `mutation($input: SetProjectTalentPoolInput!) { setProjectTalentPool(input: $input) }`;
    const CLEAR_POOL = `mutation($input: ProjectRefInput!) { clearProjectTalentPool(input: $input) }`;
    const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name memberIds } }`;
    const ADD_MEMBERS = `mutation($input: OrganizationMembersInput!) { addOrganizationMembers(input: $input) { id memberIds } }`;
    const REMOVE_MEMBERS = `mutation($input: OrganizationMembersInput!) { removeOrganizationMembers(input: $input) { id memberIds } }`;

    it('keeps a project listed to some freelancers away from the others, for claims and offers', async () => {
      const { owner, projectId, task } = await fundedProject();
      const member = await qualifiedFreelancer(task);
      const outsider = await qualifiedFreelancer(task);
      const stranger = await api.newUser([Role.OWNER]);

      expect(
        errorCodes(
          await api.gql.request(
            SET_POOL,
            { input: { projectId, freelancerIds: [member.id] } },
            stranger.token,
          ),
        ),
      ).toEqual([ErrorCode.NOT_FOUND]);
      await api.gql.ok(SET_POOL, { input: { projectId, freelancerIds: [member.id] } }, owner.token);

      const refusedOffer = await api.gql.request(
        OFFER,
        { input: { taskId: task.id, freelancerId: outsider.id } },
        owner.token,
      );
      expect(errorCodes(refusedOffer)).toEqual([ErrorCode.FORBIDDEN]);
      expect(refusedOffer.errors?.[0]?.extensions?.['reason']).toBe('NOT_IN_POOL');
      const refusedClaim = await api.gql.request(
        CLAIM,
        { input: { taskId: task.id } },
        outsider.token,
      );
      expect(errorCodes(refusedClaim)).toEqual([ErrorCode.FORBIDDEN]);
      expect(refusedClaim.errors?.[0]?.extensions?.['reason']).toBe('NOT_IN_POOL');

      const claimed = await api.gql.ok<{ claimTask: Task }>(
        CLAIM,
        { input: { taskId: task.id } },
        member.token,
      );
      expect(claimed.claimTask.assigneeId).toBe(member.id);
    });

    it("opens a project to an organization's members only, and only the creator manages it", async () => {
      const { owner, projectId, open } = await fundedProject();
      const [a, b] = open;
      const member = await qualifiedFreelancer(a, b);
      const outsider = await qualifiedFreelancer(a, b);
      const otherOwner = await api.newUser([Role.OWNER]);

      const { createOrganization } = await api.gql.ok<{
        createOrganization: { id: string; name: string; memberIds: string[] };
      }>(CREATE_ORG, { input: { name: '  Acme guild ' } }, owner.token);
      expect(createOrganization).toMatchObject({ name: 'Acme guild', memberIds: [] });
      const organizationId = createOrganization.id;
      const { addOrganizationMembers } = await api.gql.ok<{
        addOrganizationMembers: { memberIds: string[] };
      }>(
        ADD_MEMBERS,
        { input: { organizationId, userIds: [member.id, outsider.id] } },
        owner.token,
      );
      expect(addOrganizationMembers.memberIds.sort()).toEqual([member.id, outsider.id].sort());
      const { removeOrganizationMembers } = await api.gql.ok<{
        removeOrganizationMembers: { memberIds: string[] };
      }>(REMOVE_MEMBERS, { input: { organizationId, userIds: [outsider.id] } }, owner.token);
      expect(removeOrganizationMembers.memberIds).toEqual([member.id]);

      expect(
        errorCodes(
          await api.gql.request(
            ADD_MEMBERS,
            { input: { organizationId, userIds: [outsider.id] } },
            otherOwner.token,
          ),
        ),
      ).toEqual([ErrorCode.NOT_FOUND]);
      expect(
        errorCodes(
          await api.gql.request(
            ADD_MEMBERS,
            { input: { organizationId, userIds: [otherOwner.id] } },
            owner.token,
          ),
        ),
      ).toEqual([ErrorCode.BAD_USER_INPUT]);
      const { createOrganization: foreign } = await api.gql.ok<{
        createOrganization: { id: string };
      }>(CREATE_ORG, { input: { name: 'Not yours' } }, otherOwner.token);
      expect(
        errorCodes(
          await api.gql.request(
            SET_POOL,
            { input: { projectId, organizationId: foreign.id } },
            owner.token,
          ),
        ),
      ).toEqual([ErrorCode.NOT_FOUND]);
      expect(
        errorCodes(
          await api.gql.request(
            SET_POOL,
            { input: { projectId, organizationId, freelancerIds: [member.id] } },
            owner.token,
          ),
        ),
      ).toEqual([ErrorCode.BAD_USER_INPUT]);

      await api.gql.ok(SET_POOL, { input: { projectId, organizationId } }, owner.token);
      expect(
        errorCodes(await api.gql.request(CLAIM, { input: { taskId: a.id } }, outsider.token)),
      ).toEqual([ErrorCode.FORBIDDEN]);
      await api.gql.ok(CLAIM, { input: { taskId: a.id } }, member.token);
      await api.gql.ok(CLEAR_POOL, { input: { projectId } }, owner.token);
      await api.gql.ok(CLAIM, { input: { taskId: b.id } }, outsider.token);
    });
  });

  describe('minimum reputation', () => {
    const SET_MIN = `mutation($input: SetTaskMinReputationInput!) { setTaskMinReputation(input: $input) { id status } }`;

    it("refuses a newcomer below the task's minimum reputation, for claims and offers", async () => {
      const { owner, task } = await fundedProject();
      const newcomer = await qualifiedFreelancer(task);
      const stranger = await api.newUser([Role.OWNER]);

      expect(
        errorCodes(
          await api.gql.request(
            SET_MIN,
            { input: { taskId: task.id, minReputation: 4 } },
            stranger.token,
          ),
        ),
      ).toEqual([ErrorCode.NOT_FOUND]);
      expect(
        errorCodes(
          await api.gql.request(
            SET_MIN,
            { input: { taskId: task.id, minReputation: 6 } },
            owner.token,
          ),
        ),
      ).toEqual([ErrorCode.BAD_USER_INPUT]);
      await api.gql.ok(SET_MIN, { input: { taskId: task.id, minReputation: 4 } }, owner.token);

      const claim = await api.gql.request(CLAIM, { input: { taskId: task.id } }, newcomer.token);
      expect(errorCodes(claim)).toEqual([ErrorCode.FORBIDDEN]);
      expect(claim.errors?.[0]?.extensions?.['reason']).toBe('REPUTATION');
      const offer = await api.gql.request(
        OFFER,
        { input: { taskId: task.id, freelancerId: newcomer.id } },
        owner.token,
      );
      expect(offer.errors?.[0]?.extensions?.['reason']).toBe('REPUTATION');

      await api.gql.ok(SET_MIN, { input: { taskId: task.id, minReputation: null } }, owner.token);
      await api.gql.ok(CLAIM, { input: { taskId: task.id } }, newcomer.token);
    });
  });

  describe('auto-assignment and recommendations', () => {
    const SET_POOL = `mutation($input: SetProjectTalentPoolInput!) { setProjectTalentPool(input: $input) }`;
    const SET_AUTO = `mutation($input: SetProjectAutoAssignInput!) { setProjectAutoAssign(input: $input) { enabled offerWindowMinutes maxCandidates } }`;
    const RECOMMEND = `query($taskId: ID!) { recommendedFreelancers(taskId: $taskId, first: 10) {
      freelancerId score eligible refusals breakdown { coverage level reputation rate availability } } }`;

    interface Recommendation {
      freelancerId: string;
      score: number;
      eligible: boolean;
      refusals: string[];
      breakdown: { availability: number; rate: number };
    }

    /** A strong fit (cheap, available) and a weaker one (expensive, one free hour a week). */
    async function strongAndWeak(tasks: Task[]) {
      const strong = await qualifiedFreelancer(...tasks);
      const weak = await fixtures.qualifiedFreelancer(api, tasks, {
        weeklyHours: 1,
        hourlyRateCents: 1_000_000,
      });
      return { strong, weak };
    }

    it('ranks the pool for the owner and the expert, with the score breakdown', async () => {
      const { owner, reviewer, projectId, task } = await fundedProject();
      const { strong, weak } = await strongAndWeak([task]);
      await api.gql.ok(
        SET_POOL,
        { input: { projectId, freelancerIds: [weak.id, strong.id] } },
        owner.token,
      );

      const { recommendedFreelancers } = await api.gql.ok<{
        recommendedFreelancers: Recommendation[];
      }>(RECOMMEND, { taskId: task.id }, owner.token);
      expect(recommendedFreelancers.map((r) => r.freelancerId)).toEqual([strong.id, weak.id]);
      expect(recommendedFreelancers[0].score).toBeGreaterThan(recommendedFreelancers[1].score);
      expect(recommendedFreelancers[0].breakdown.availability).toBe(1);
      expect(recommendedFreelancers[1].breakdown.availability).toBeLessThan(1);
      expect(recommendedFreelancers[1].breakdown.rate).toBeLessThan(1);
      expect(recommendedFreelancers.every((r) => r.eligible && r.refusals.length === 0)).toBe(true);

      await api.gql.ok(RECOMMEND, { taskId: task.id }, reviewer.token);
      const stranger = await api.newUser([Role.OWNER]);
      expect(
        errorCodes(await api.gql.request(RECOMMEND, { taskId: task.id }, stranger.token)),
      ).toEqual([ErrorCode.NOT_FOUND]);
      expect(
        errorCodes(await api.gql.request(RECOMMEND, { taskId: task.id }, strong.token)),
      ).toEqual([ErrorCode.FORBIDDEN]);
    });

    it('offers an OPEN task to the best candidate, then the next, then leaves it open to all', async () => {
      const { owner, projectId, task, open } = await fundedProject();
      const { strong, weak } = await strongAndWeak(open);
      await api.gql.ok(
        SET_POOL,
        { input: { projectId, freelancerIds: [weak.id, strong.id] } },
        owner.token,
      );
      const stranger = await api.newUser([Role.OWNER]);
      expect(
        errorCodes(
          await api.gql.request(SET_AUTO, { input: { projectId, enabled: true } }, stranger.token),
        ),
      ).toEqual([ErrorCode.NOT_FOUND]);
      expect(
        errorCodes(
          await api.gql.request(
            SET_AUTO,
            { input: { projectId, enabled: true, maxCandidates: 0 } },
            owner.token,
          ),
        ),
      ).toEqual([ErrorCode.BAD_USER_INPUT]);

      const { setProjectAutoAssign } = await api.gql.ok<{
        setProjectAutoAssign: {
          enabled: boolean;
          offerWindowMinutes: number;
          maxCandidates: number;
        };
      }>(
        SET_AUTO,
        { input: { projectId, enabled: true, offerWindowMinutes: 30, maxCandidates: 2 } },
        owner.token,
      );
      expect(setProjectAutoAssign).toEqual({
        enabled: true,
        offerWindowMinutes: 30,
        maxCandidates: 2,
      });

      // First candidate: the strong fit.
      expect((await taskStatus(projectId, task.id, owner.token)).status).toBe('OFFERED');
      const first = await api.gql.ok<MyOffers>(MY_OFFERS, {}, strong.token);
      expect(first.myTaskOffers.edges.map((e) => [e.node.taskId, e.node.source])).toContainEqual([
        task.id,
        'AUTO',
      ]);
      expect(
        errorCodes(await api.gql.request(CLAIM, { input: { taskId: task.id } }, weak.token)),
      ).toEqual([ErrorCode.CONFLICT]);

      // Declined: the next candidate gets it.
      const { declineTaskOffer } = await api.gql.ok<{ declineTaskOffer: Task }>(
        DECLINE,
        { input: { taskId: task.id } },
        strong.token,
      );
      expect(declineTaskOffer.status).toBe('OFFERED');
      const second = await api.gql.ok<MyOffers>(MY_OFFERS, {}, weak.token);
      expect(second.myTaskOffers.edges.map((e) => e.node.taskId)).toContain(task.id);

      // The second offer expires: two candidates were the limit, the task stays OPEN for all.
      api.clock.advance(31 * 60_000);
      try {
        await fixtures.makeDelayedJobsDue(api);
        await runner.drain();
        const ownerToken = await fixtures.logIn(api, owner);
        expect((await taskStatus(projectId, task.id, ownerToken)).status).toBe('OPEN');
        const offers = await api.app
          .get(DataSource)
          .query(
            `SELECT freelancer_id, source, status FROM task_offers WHERE task_id = $1 ORDER BY created_at`,
            [task.id],
          );
        expect(offers).toEqual([
          { freelancer_id: strong.id, source: 'AUTO', status: 'DECLINED' },
          { freelancer_id: weak.id, source: 'AUTO', status: 'EXPIRED' },
        ]);
        const claimed = await api.gql.ok<{ claimTask: Task }>(
          CLAIM,
          { input: { taskId: task.id } },
          await fixtures.logIn(api, strong),
        );
        expect(claimed.claimTask.assigneeId).toBe(strong.id);
      } finally {
        api.clock.advance(-31 * 60_000);
      }
    });
  });
});
