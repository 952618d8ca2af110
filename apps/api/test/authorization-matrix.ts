/**
 * The authorization matrix: every query, mutation and subscription of
 * schema.graphql against every role, with the outcome each role must get.
 *
 * One definition serves three purposes: authorization-matrix.int-spec.ts runs
 * every cell against the real API, authorization-table.spec.ts checks that the
 * matrix covers schema.graphql exactly and that the README table is generated
 * from it (`npm run authz:table` rewrites the table).
 *
 * Adding an operation = adding one row: its document, a variables builder and
 * the expected outcome for each of the eight roles.
 *
 * Outcomes:
 * - `ALLOW`: the call succeeds (no error, the field is in the data).
 * - `UNAUTHENTICATED`, `FORBIDDEN`, `NOT_FOUND`: refused with that code.
 * - `ALLOW_BUSINESS_ERROR:<CODE>`: authorization passed, then a business rule
 *   refused with <CODE> (used only where a success cannot be staged; it proves
 *   less than ALLOW, so the note says why).
 *
 * Targets: a builder asks the fixture world for its targets through `cell`.
 * A cell that is expected to pass authorization gets a fresh target (it
 * changes state); a cell that is expected to be refused gets the shared one
 * (a wrong success would fail that cell and the shared state it spoiled).
 */

export const ROLES = [
  'owner',
  'otherOwner',
  'assignee',
  'otherFreelancer',
  'reviewer',
  'otherReviewer',
  'admin',
  'anonymous',
] as const;
export type RoleName = (typeof ROLES)[number];
export type SignedInRole = Exclude<RoleName, 'anonymous'>;

export const ROLE_LABELS: Record<RoleName, string> = {
  owner: 'owner of this project',
  otherOwner: 'other owner',
  assignee: 'assignee',
  otherFreelancer: 'other freelancer',
  reviewer: 'assigned reviewer',
  otherReviewer: 'other reviewer',
  admin: 'admin',
  anonymous: 'anonymous',
};

export type BusinessCode = 'INVALID_TRANSITION' | 'CONFLICT' | 'BAD_USER_INPUT';
export type Outcome =
  'ALLOW' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | `ALLOW_BUSINESS_ERROR:${BusinessCode}`;

export const ALLOW = 'ALLOW';
export const UNAUTHENTICATED = 'UNAUTHENTICATED';
export const FORBIDDEN = 'FORBIDDEN';
export const NOT_FOUND = 'NOT_FOUND';

/** True when the outcome says the caller passed authorization (the cell then needs a fresh target). */
export function passesAuthorization(outcome: Outcome): boolean {
  return outcome === 'ALLOW' || outcome.startsWith('ALLOW_BUSINESS_ERROR:');
}

export type OperationKind = 'query' | 'mutation' | 'subscription';

/** What a builder knows about the cell it builds variables for. */
export interface Cell {
  role: RoleName;
  /** True when the cell expects to pass authorization: it needs a fresh target. */
  fresh: boolean;
}

export interface WorldUser {
  id: string;
  email: string;
  token: string;
}

/** The fixture world, built once through the API (see authorization-world.ts). */
export interface AuthzWorld {
  users: Record<SignedInRole, WorldUser>;
  /** The owner's funded project; the reviewer is assigned to it. */
  projectId: string;
  /** The planning run that planned `projectId`. */
  runId: string;
  /** The other owner's project. */
  otherProjectId: string;
  /** A funded project of the owner whose private talent pool holds only the assignee, and its OPEN tasks. */
  poolProjectId: string;
  poolOpenTaskIds: string[];
  /** The task the assignee holds claimed, and the one it submitted (shared targets). */
  sharedClaimedTaskId: string;
  sharedSubmittedTaskId: string;
  password: string;
  freshEmail(): string;
  /** A new signed-up user (OWNER). */
  newUserId(): Promise<string>;
  /** A new signed-up REVIEWER (approved), assigned to nothing. */
  newReviewerId(): Promise<string>;
  /** A waiting reviewer application of a new applicant. */
  reviewerApplication(cell: Cell): Promise<string>;
  /** A refresh token of a new session of the project owner. */
  ownerSession(cell: Cell): Promise<string>;
  /** An unplanned project of the owner. */
  draftProject(cell: Cell): Promise<string>;
  /** A planned, unfunded project of the owner. */
  plannedProject(cell: Cell): Promise<string>;
  /** A task key of a planned, unfunded project of the owner. */
  planTask(cell: Cell): Promise<{ projectId: string; key: string; featureKey: string }>;
  /** A planning run of the owner's project; a fresh one is queued and not started. */
  planningRun(cell: Cell): Promise<string>;
  /** An OPEN task of the owner's funded project that the assignee and the other freelancer qualify for. */
  openTask(cell: Cell): Promise<string>;
  /** A task claimed by the assignee. */
  claimedTask(cell: Cell): Promise<string>;
  /** A task submitted for review on a project the reviewer is assigned to. */
  submittedTask(cell: Cell): Promise<{ id: string; criteria: number }>;
  /** A PAID payout of a task of the owner's project. */
  paidPayout(cell: Cell): Promise<string>;
  /** A failed payout of a task of the owner's project. */
  failedPayout(cell: Cell): Promise<string>;
  /** The pending offer of the shared offered task (to the assignee). */
  sharedOfferId: string;
  /** An OPEN appeal (shared target of refused cells). */
  sharedAppealId: string;
  /**
   * The watched task: a task of the pool project (whose events only its
   * owner, reviewer, the assignee and an admin may follow), claimed by the
   * assignee and paused by the owner.
   */
  watchedProjectId: string;
  watchedTaskId: string;
  /** A task the reviewer rejected from the assignee, not yet appealed. */
  rejectedTask(cell: Cell): Promise<string>;
  /** An OPEN appeal of the assignee against a rejection. */
  openAppeal(cell: Cell): Promise<string>;
  /** An approved task of the owner's project, not yet rated. */
  approvedTask(cell: Cell): Promise<string>;
  /** An OPEN dispute of the owner against an approved task. */
  openDispute(cell: Cell): Promise<string>;
  /** An OPEN dispute (shared target of refused cells). */
  sharedDisputeId: string;
  /** An OPEN task of the owner's project that the owner paused. */
  pausedTask(cell: Cell): Promise<string>;
  /** An OPEN task the owner offered to the assignee, and the pending offer. */
  offeredTask(cell: Cell): Promise<{ taskId: string; offerId: string }>;
  /** An organization the owner created, whose member is the other freelancer. */
  organization(cell: Cell): Promise<string>;
  /** A draft project of the owner with a talent pool holding the assignee. */
  pooledProject(cell: Cell): Promise<string>;
  /** The admin's freelancer skills: no board task needs them. */
  adminSkills: { skill: string; level: number }[];
  /** The owner resumes and pauses the watched task again: two status events. */
  bumpWatchedTask(): Promise<void>;
  /** Opens new tasks that the assignee, the other freelancer and the admin each match. */
  openMatchedTasks(): Promise<void>;
  /** The skills that qualify for the owner's tasks. */
  qualifiedSkills: { skill: string; level: number }[];
  /** A notification in the owner's inbox. */
  ownerNotificationId: string;
  /** Writes one notification for every user of the world. */
  notifyEveryone(): Promise<void>;
  /** Runs the queued jobs. */
  drain(): Promise<void>;
  /** A PRIVATE thread message of the assignee on the shared claimed task. */
  threadMessage(cell: Cell): Promise<string>;
  /** The owner posts a PRIVATE message on the shared claimed task's thread. */
  postThreadMessage(): Promise<void>;
}

export interface MatrixRow {
  operation: string;
  kind: OperationKind;
  document: string;
  variables(world: AuthzWorld, cell: Cell): Promise<Record<string, unknown>>;
  expected: Record<RoleName, Outcome>;
  /** Why a cell is what it is, where the table alone would puzzle a reader. */
  note?: string;
  /**
   * For ALLOW cells where a success could still show too much: asserts on the
   * answer (e.g. a "my" list holds the caller's rows and not another's).
   */
  check?(
    answer: unknown,
    world: AuthzWorld,
    role: RoleName,
    variables: Record<string, unknown>,
  ): void;
  /** Subscriptions: what makes the stream produce its first event once subscribed. */
  trigger?(world: AuthzWorld): Promise<void>;
}

const vars = (v: Record<string, unknown>) => (): Promise<Record<string, unknown>> =>
  Promise.resolve(v);

/** Signed in with any role: allowed; anonymous: UNAUTHENTICATED. */
const anySignedIn: Record<RoleName, Outcome> = {
  owner: ALLOW,
  otherOwner: ALLOW,
  assignee: ALLOW,
  otherFreelancer: ALLOW,
  reviewer: ALLOW,
  otherReviewer: ALLOW,
  admin: ALLOW,
  anonymous: UNAUTHENTICATED,
};
const everyone: Record<RoleName, Outcome> = { ...anySignedIn, anonymous: ALLOW };
/** Those who may read a claimed task's thread: its assignee, the owner, the project's reviewer, admins. */
const threadParticipants: Record<RoleName, Outcome> = {
  owner: ALLOW,
  otherOwner: NOT_FOUND,
  assignee: ALLOW,
  otherFreelancer: NOT_FOUND,
  reviewer: ALLOW,
  otherReviewer: NOT_FOUND,
  admin: ALLOW,
  anonymous: UNAUTHENTICATED,
};
const adminOnly: Record<RoleName, Outcome> = {
  owner: FORBIDDEN,
  otherOwner: FORBIDDEN,
  assignee: FORBIDDEN,
  otherFreelancer: FORBIDDEN,
  reviewer: FORBIDDEN,
  otherReviewer: FORBIDDEN,
  admin: ALLOW,
  anonymous: UNAUTHENTICATED,
};
/** The OWNER role gate: other roles FORBIDDEN. */
const ownerRole: Record<RoleName, Outcome> = {
  owner: ALLOW,
  otherOwner: ALLOW,
  assignee: FORBIDDEN,
  otherFreelancer: FORBIDDEN,
  reviewer: FORBIDDEN,
  otherReviewer: FORBIDDEN,
  admin: ALLOW,
  anonymous: UNAUTHENTICATED,
};
/** The FREELANCER role gate: other roles FORBIDDEN. */
const freelancerRole: Record<RoleName, Outcome> = {
  owner: FORBIDDEN,
  otherOwner: FORBIDDEN,
  assignee: ALLOW,
  otherFreelancer: ALLOW,
  reviewer: FORBIDDEN,
  otherReviewer: FORBIDDEN,
  admin: ALLOW,
  anonymous: UNAUTHENTICATED,
};
/** The REVIEWER role gate: other roles FORBIDDEN. */
const reviewerRole: Record<RoleName, Outcome> = {
  owner: FORBIDDEN,
  otherOwner: FORBIDDEN,
  assignee: FORBIDDEN,
  otherFreelancer: FORBIDDEN,
  reviewer: ALLOW,
  otherReviewer: ALLOW,
  admin: ALLOW,
  anonymous: UNAUTHENTICATED,
};
/** The payee gate (FREELANCER or REVIEWER role): owners FORBIDDEN. */
const payeeRole: Record<RoleName, Outcome> = {
  ...freelancerRole,
  reviewer: ALLOW,
  otherReviewer: ALLOW,
};
/** Any signed-in user may ask; only the project's owner and an admin see it (others: NOT_FOUND, no leak). */
const projectOwnerOrAdmin: Record<RoleName, Outcome> = {
  owner: ALLOW,
  otherOwner: NOT_FOUND,
  assignee: NOT_FOUND,
  otherFreelancer: NOT_FOUND,
  reviewer: NOT_FOUND,
  otherReviewer: NOT_FOUND,
  admin: ALLOW,
  anonymous: UNAUTHENTICATED,
};
/** OWNER role gate, then the project's owner or an admin (other owners: NOT_FOUND). */
const ownerRoleThenProjectOwner: Record<RoleName, Outcome> = {
  ...ownerRole,
  otherOwner: NOT_FOUND,
};

/** OWNER role gate, then only the project's owner (other owners: NOT_FOUND; an admin, who sees the task: FORBIDDEN). */
const projectOwnerOnly: Record<RoleName, Outcome> = {
  ...ownerRole,
  otherOwner: NOT_FOUND,
  admin: FORBIDDEN,
};
/** FREELANCER role gate, then only the freelancer the target is about (other freelancers: NOT_FOUND; an admin: FORBIDDEN). */
const theFreelancerOnly: Record<RoleName, Outcome> = {
  ...freelancerRole,
  otherFreelancer: NOT_FOUND,
  admin: FORBIDDEN,
};
/** Any signed-in user may ask; the people in the task's work see it (owner, assignee, its reviewer, admin), others NOT_FOUND. */
const peopleInTheWork: Record<RoleName, Outcome> = {
  ...projectOwnerOrAdmin,
  assignee: ALLOW,
  reviewer: ALLOW,
};

/** OWNER or REVIEWER role gate, then the project's owner, its assigned reviewer or an admin (others: NOT_FOUND). */
const managerRole: Record<RoleName, Outcome> = {
  ...projectOwnerOrAdmin,
  assignee: FORBIDDEN,
  otherFreelancer: FORBIDDEN,
  reviewer: ALLOW,
};
/** FREELANCER role gate, then only the invitee of the offer (others: NOT_FOUND). */
const theInviteeOnly: Record<RoleName, Outcome> = {
  ...freelancerRole,
  otherFreelancer: NOT_FOUND,
  admin: NOT_FOUND,
};

const PAGE = 'edges { node { id } } pageInfo { hasNextPage }';

/** The node ids of a connection answer. */
export function connectionIds(answer: unknown): string[] {
  return (answer as { edges: { node: { id: string } }[] }).edges.map((e) => e.node.id);
}

/** Fails with a message naming what leaked or went missing. */
function expectIds(answer: unknown, include: string[], exclude: string[]): void {
  const ids = connectionIds(answer);
  const missing = include.filter((id) => !ids.includes(id));
  const leaked = exclude.filter((id) => ids.includes(id));
  if (missing.length || leaked.length) {
    throw new Error(`missing ${JSON.stringify(missing)}, leaked ${JSON.stringify(leaked)}`);
  }
}

export const MATRIX: MatrixRow[] = [
  // ─── Queries ────────────────────────────────────────────────────────────
  {
    operation: 'failedPayouts',
    kind: 'query',
    document: `query { failedPayouts { ${PAGE} } }`,
    variables: vars({}),
    expected: adminOnly,
  },
  {
    operation: 'freelancerProfile',
    kind: 'query',
    document:
      'query($userId: ID!) { freelancerProfile(userId: $userId) { userId reputation { score } reputationBreakdown { overall { assignments onTimeRate revisionRate } skills { skill } } } }',
    variables: (w) => Promise.resolve({ userId: w.users.assignee.id }),
    expected: { ...anySignedIn, assignee: FORBIDDEN, otherFreelancer: FORBIDDEN },
    check: (answer, w) => expect(answer).toMatchObject({ userId: w.users.assignee.id }),
    note: 'any freelancer’s profile with the full reputation breakdown, for those who hire or review (OWNER, REVIEWER, ADMIN roles); freelancers read their own through myFreelancerProfile.',
  },
  {
    operation: 'ledgerBalances',
    kind: 'query',
    document:
      'query($ids: [String!]!) { ledgerBalances(accountOwnerIds: $ids) { accounts { ownerId kind } totals { amountCents } } }',
    variables: (w) => Promise.resolve({ ids: [w.projectId] }),
    expected: adminOnly,
    check: (answer, w) => {
      const { accounts } = answer as { accounts: { ownerId: string }[] };
      expect(accounts.length).toBeGreaterThan(0);
      expect(accounts.every((a) => a.ownerId === w.projectId)).toBe(true);
    },
  },
  {
    operation: 'me',
    kind: 'query',
    document: 'query { me { id } }',
    variables: vars({}),
    expected: anySignedIn,
  },
  {
    operation: 'myFreelancerProfile',
    kind: 'query',
    document: 'query { myFreelancerProfile { userId } }',
    variables: vars({}),
    expected: freelancerRole,
    check: (answer, w, role) =>
      expect(answer).toEqual({ userId: w.users[role as SignedInRole].id }),
  },
  {
    operation: 'myReviewerApplication',
    kind: 'query',
    document: 'query { myReviewerApplication { userId status } }',
    variables: vars({}),
    expected: anySignedIn,
    check: (answer, w, role) => {
      // The world's reviewer was vetted: its application was approved through the admin API.
      if (role === 'reviewer') {
        expect(answer).toEqual({ userId: w.users.reviewer.id, status: 'APPROVED' });
      }
    },
  },
  {
    operation: 'myPayoutAccount',
    kind: 'query',
    document: 'query { myPayoutAccount { providerAccountId } }',
    variables: vars({}),
    expected: payeeRole,
  },
  {
    operation: 'myPayouts',
    kind: 'query',
    document: `query { myPayouts { ${PAGE} } }`,
    variables: vars({}),
    expected: payeeRole,
  },
  {
    operation: 'myProjects',
    kind: 'query',
    document: `query { myProjects(first: 50) { ${PAGE} } }`,
    variables: vars({}),
    expected: ownerRole,
    check: (answer, w, role) => {
      if (role === 'owner') expectIds(answer, [w.projectId], [w.otherProjectId]);
      if (role === 'otherOwner') expectIds(answer, [w.otherProjectId], [w.projectId]);
    },
  },
  {
    operation: 'myReputation',
    kind: 'query',
    document: 'query { myReputation { overall { score assignments } } }',
    variables: vars({}),
    expected: freelancerRole,
  },
  {
    operation: 'myTaskOffers',
    kind: 'query',
    document: `query { myTaskOffers(first: 50) { ${PAGE} } }`,
    variables: vars({}),
    expected: freelancerRole,
    check: (answer, w, role) => {
      const shared = w.sharedOfferId;
      if (role === 'assignee') expectIds(answer, [shared], []);
      else expectIds(answer, [], [shared]);
    },
  },
  {
    operation: 'myTasks',
    kind: 'query',
    document: `query { myTasks(first: 50) { ${PAGE} } }`,
    variables: vars({}),
    expected: freelancerRole,
    check: (answer, w, role) => {
      const held = [w.sharedClaimedTaskId, w.sharedSubmittedTaskId];
      if (role === 'assignee') expectIds(answer, held, []);
      else expectIds(answer, [], held);
    },
  },
  {
    operation: 'openAppeals',
    kind: 'query',
    document: `query { openAppeals(first: 100) { ${PAGE} } }`,
    variables: vars({}),
    expected: adminOnly,
    check: (answer, w) => expectIds(answer, [w.sharedAppealId], []),
  },
  {
    operation: 'openDisputes',
    kind: 'query',
    document: `query { openDisputes(first: 100) { ${PAGE} } }`,
    variables: vars({}),
    expected: adminOnly,
    check: (answer, w) => expectIds(answer, [w.sharedDisputeId], []),
  },
  {
    operation: 'openTasks',
    kind: 'query',
    document: `query($projectId: ID) { openTasks(projectId: $projectId, first: 50) { ${PAGE} } }`,
    variables: (w) => Promise.resolve({ projectId: w.poolProjectId }),
    expected: freelancerRole,
    check: (answer, w, role) => {
      if (role === 'otherFreelancer') expectIds(answer, [], w.poolOpenTaskIds);
      else expectIds(answer, w.poolOpenTaskIds, []);
    },
    note: 'the target project has a private talent pool holding only the assignee: the other freelancer gets an empty page.',
  },
  {
    operation: 'planningRun',
    kind: 'query',
    document: 'query($id: ID!) { planningRun(id: $id) { id status } }',
    variables: (w) => Promise.resolve({ id: w.runId }),
    expected: projectOwnerOrAdmin,
  },
  {
    operation: 'project',
    kind: 'query',
    document: 'query($id: ID!) { project(id: $id) { id status } }',
    variables: (w) => Promise.resolve({ id: w.projectId }),
    expected: projectOwnerOrAdmin,
    check: (answer, w) => expect((answer as { id: string }).id).toBe(w.projectId),
  },
  {
    operation: 'recommendedFreelancers',
    kind: 'query',
    document:
      'query($taskId: ID!) { recommendedFreelancers(taskId: $taskId, first: 50) { freelancerId eligible } }',
    variables: async (w, cell) => ({ taskId: await w.openTask({ ...cell, fresh: false }) }),
    expected: managerRole,
    // Other test files leave many qualified freelancers in a shared database, so the world's
    // own freelancer may rank below the first 50: the answer is checked for what it must hold.
    check: (answer, w) => {
      const ids = (answer as { freelancerId: string }[]).map((r) => r.freelancerId);
      expect(ids.length).toBeGreaterThan(0);
      const { owner, otherOwner, reviewer, otherReviewer } = w.users;
      for (const user of [owner, otherOwner, reviewer, otherReviewer]) {
        expect(ids).not.toContain(user.id);
      }
    },
    note: 'the project’s owner, its assigned reviewer (expert) or an admin; others NOT_FOUND (the task does not leak).',
  },
  {
    operation: 'recommendedTasks',
    kind: 'query',
    document: 'query { recommendedTasks(first: 50) { task { id } score } }',
    variables: vars({}),
    expected: freelancerRole,
    check: (answer, w, role) => {
      const ids = (answer as { task: { id: string } }[]).map((r) => r.task.id);
      const leaked = role === 'assignee' ? [] : w.poolOpenTaskIds.filter((id) => ids.includes(id));
      expect({ leaked }).toEqual({ leaked: [] });
    },
    note: 'ranked for the caller’s own profile; the pool project’s tasks reach only the assignee (the admin’s profile holds a skill no board task needs).',
  },
  {
    operation: 'reviewQueue',
    kind: 'query',
    document: `query { reviewQueue(first: 50) { ${PAGE} } }`,
    variables: vars({}),
    expected: reviewerRole,
    check: (answer, w, role) => {
      if (role === 'reviewer') expectIds(answer, [w.sharedSubmittedTaskId], []);
      if (role === 'otherReviewer') expectIds(answer, [], [w.sharedSubmittedTaskId]);
    },
  },
  {
    operation: 'reviewerApplications',
    kind: 'query',
    document: `query { reviewerApplications(status: PENDING, first: 100) { ${PAGE} } }`,
    variables: vars({}),
    expected: adminOnly,
  },
  {
    operation: 'task',
    kind: 'query',
    document:
      'query($id: ID!) { task(id: $id) { id scorecard { id } submissions { revision links } reviews { verdict } } }',
    variables: (w) => Promise.resolve({ id: w.sharedSubmittedTaskId }),
    expected: peopleInTheWork,
    check: (answer, w) =>
      expect(answer).toMatchObject({
        id: w.sharedSubmittedTaskId,
        submissions: [{ revision: 1, links: [expect.any(String)] }],
        reviews: [],
      }),
    note: 'the shared submitted task with its submissions and reviews: the people in its work (its owner, its assignee, the project’s reviewer, an admin); anyone else NOT_FOUND.',
  },
  {
    operation: 'users',
    kind: 'query',
    document: `query { users { ${PAGE} } }`,
    variables: vars({}),
    expected: adminOnly,
  },
  {
    operation: 'waitingPayouts',
    kind: 'query',
    document: `query { waitingPayouts(first: 100) { ${PAGE} } }`,
    variables: vars({}),
    expected: adminOnly,
  },

  {
    operation: 'notifications',
    kind: 'query',
    document: `query { notifications(first: 50) { ${PAGE} } }`,
    variables: vars({}),
    expected: anySignedIn,
    check: (answer, w, role) => {
      if (role !== 'owner') expectIds(answer, [], [w.ownerNotificationId]);
    },
    note: 'the caller’s own inbox only.',
  },
  {
    operation: 'notificationPreferences',
    kind: 'query',
    document: `query { notificationPreferences { kind email } }`,
    variables: vars({}),
    expected: anySignedIn,
  },
  {
    operation: 'unreadNotificationCount',
    kind: 'query',
    document: `query { unreadNotificationCount }`,
    variables: vars({}),
    expected: anySignedIn,
  },
  // ─── Mutations ──────────────────────────────────────────────────────────
  {
    operation: 'acceptTaskOffer',
    kind: 'mutation',
    document: `mutation($input: TaskRefInput!) { acceptTaskOffer(input: $input) { status assigneeId } }`,
    variables: async (w, cell) => ({ input: { taskId: (await w.offeredTask(cell)).taskId } }),
    expected: theInviteeOnly,
    check: (answer, w) =>
      expect(answer).toEqual({ status: 'CLAIMED', assigneeId: w.users.assignee.id }),
    note: 'only the invitee (the target is offered to the assignee); another freelancer or an admin: NOT_FOUND.',
  },
  {
    operation: 'addOrganizationMembers',
    kind: 'mutation',
    document: `mutation($input: OrganizationMembersInput!) { addOrganizationMembers(input: $input) { memberIds } }`,
    variables: async (w, cell) => ({
      input: { organizationId: await w.organization(cell), userIds: [w.users.assignee.id] },
    }),
    expected: ownerRoleThenProjectOwner,
    check: (answer, w) =>
      expect((answer as { memberIds: string[] }).memberIds).toContain(w.users.assignee.id),
    note: 'the organization’s creator (here the project owner) or an admin; other owners NOT_FOUND.',
  },
  {
    operation: 'addPlanTask',
    kind: 'mutation',
    document: `mutation($input: AddPlanTaskInput!) { addPlanTask(input: $input) { tasks { key } } }`,
    variables: async (w, cell) => {
      const { projectId, featureKey } = await w.planTask({ ...cell, fresh: false });
      return {
        input: {
          projectId,
          featureKey,
          title: 'Export reading lists',
          description: 'Members download their reading lists as CSV.',
          acceptanceCriteria: ['A CSV with one row per book downloads'],
          skills: [{ skill: 'typescript', minLevel: 2 }],
          platform: 'BACKEND',
          estimate: { optimistic: 2, likely: 3, pessimistic: 5 },
        },
      };
    },
    expected: ownerRoleThenProjectOwner,
  },
  {
    operation: 'appealRejection',
    kind: 'mutation',
    document: `mutation($input: AppealRejectionInput!) { appealRejection(input: $input) { status freelancerId } }`,
    variables: async (w, cell) => ({
      input: {
        taskId: await w.rejectedTask(cell),
        reason: 'Every criterion is met, see the pull request',
      },
    }),
    expected: theFreelancerOnly,
    check: (answer, w) =>
      expect(answer).toEqual({ status: 'OPEN', freelancerId: w.users.assignee.id }),
    note: 'only the freelancer whose submission was rejected (the target: the assignee’s); another freelancer NOT_FOUND, an admin FORBIDDEN.',
  },
  {
    operation: 'applyAsReviewer',
    kind: 'mutation',
    document: `mutation($input: ApplyAsReviewerInput!) { applyAsReviewer(input: $input) { application { status } } }`,
    variables: vars({ input: { motivation: 'Years of code review' } }),
    expected: {
      ...anySignedIn,
      reviewer: 'ALLOW_BUSINESS_ERROR:CONFLICT',
      otherReviewer: 'ALLOW_BUSINESS_ERROR:CONFLICT',
    },
    check: (answer) => expect(answer).toEqual({ application: { status: 'PENDING' } }),
    note: 'anyone signed in asks to review (an admin decides); an approved reviewer: CONFLICT (already one).',
  },
  {
    operation: 'assignProjectReviewer',
    kind: 'mutation',
    document: `mutation($input: AssignReviewerInput!) { assignProjectReviewer(input: $input) }`,
    variables: async (w) => ({
      input: { projectId: w.projectId, reviewerId: await w.newReviewerId() },
    }),
    expected: ownerRoleThenProjectOwner,
  },
  {
    operation: 'cancelProject',
    kind: 'mutation',
    document: `mutation($input: CancelProjectInput!) { cancelProject(input: $input) { cancelled } }`,
    variables: async (w, cell) => ({ input: { projectId: await w.draftProject(cell) } }),
    expected: ownerRoleThenProjectOwner,
  },
  {
    operation: 'cancelTask',
    kind: 'mutation',
    document: `mutation($input: TaskRefInput!) { cancelTask(input: $input) { id status } }`,
    variables: async (w, cell) => ({ input: { taskId: await w.openTask(cell) } }),
    expected: ownerRoleThenProjectOwner,
    check: (answer) => expect(answer).toMatchObject({ status: 'CANCELLED' }),
  },
  {
    operation: 'clearProjectTalentPool',
    kind: 'mutation',
    document: `mutation($input: ProjectRefInput!) { clearProjectTalentPool(input: $input) }`,
    variables: async (w, cell) => ({ input: { projectId: await w.pooledProject(cell) } }),
    expected: ownerRoleThenProjectOwner,
  },
  {
    operation: 'claimTask',
    kind: 'mutation',
    document: `mutation($input: TaskRefInput!) { claimTask(input: $input) { id status assigneeId } }`,
    variables: async (w, cell) => ({ input: { taskId: await w.openTask(cell) } }),
    expected: { ...freelancerRole, admin: FORBIDDEN },
    check: (answer, w, role) =>
      expect(answer).toMatchObject({
        status: 'CLAIMED',
        assigneeId: w.users[role as 'assignee'].id,
      }),
    note: 'admin passes the FREELANCER gate but its profile lacks the task’s skills: the eligibility check refuses.',
  },
  {
    operation: 'createOrganization',
    kind: 'mutation',
    document: `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { name memberIds } }`,
    variables: vars({ input: { name: 'Matrix crew' } }),
    expected: ownerRole,
    check: (answer) => expect(answer).toEqual({ name: 'Matrix crew', memberIds: [] }),
  },
  {
    operation: 'createProject',
    kind: 'mutation',
    document: `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } } }`,
    variables: vars({
      input: {
        title: 'Matrix',
        brief: '# Notes\n- Users write notes',
        platforms: ['WEB'],
        budgetCents: 10_000_000,
        currency: 'USD',
      },
    }),
    expected: ownerRole,
  },
  {
    operation: 'decideReviewerApplication',
    kind: 'mutation',
    document: `mutation($input: DecideReviewerApplicationInput!) { decideReviewerApplication(input: $input) { application { status } } }`,
    variables: async (w, cell) => ({
      input: { applicationId: await w.reviewerApplication(cell), decision: 'APPROVE' },
    }),
    expected: adminOnly,
    check: (answer) => expect(answer).toEqual({ application: { status: 'APPROVED' } }),
  },
  {
    operation: 'declineTaskOffer',
    kind: 'mutation',
    document: `mutation($input: TaskRefInput!) { declineTaskOffer(input: $input) { status assigneeId } }`,
    variables: async (w, cell) => ({ input: { taskId: (await w.offeredTask(cell)).taskId } }),
    expected: theInviteeOnly,
    check: (answer) => expect(answer).toEqual({ status: 'OPEN', assigneeId: null }),
    note: 'only the invitee (the target is offered to the assignee); another freelancer or an admin: NOT_FOUND.',
  },
  {
    operation: 'disputeTask',
    kind: 'mutation',
    document: `mutation($input: DisputeTaskInput!) { disputeTask(input: $input) { dispute { status task { id } } } }`,
    variables: async (w, cell) => ({
      input: {
        taskId: await w.approvedTask(cell),
        reason: 'The deliverable does not do what the criteria say',
      },
    }),
    expected: { ...ownerRoleThenProjectOwner, admin: FORBIDDEN },
    check: (answer) => expect(answer).toMatchObject({ dispute: { status: 'OPEN' } }),
    note: 'only the project’s owner disputes its work; an admin (who sees the task) FORBIDDEN, other owners NOT_FOUND.',
  },
  {
    operation: 'expandPlanTask',
    kind: 'mutation',
    document: `mutation($input: ExpandPlanTaskInput!) { expandPlanTask(input: $input) { tasks { key } } }`,
    variables: async (w, cell) => {
      const { projectId, key } = await w.planTask(cell);
      return { input: { projectId, key, parts: 2 } };
    },
    expected: ownerRoleThenProjectOwner,
  },
  {
    operation: 'fundProject',
    kind: 'mutation',
    document: `mutation($input: FundProjectInput!) { fundProject(input: $input) { funding { id } } }`,
    variables: async (w, cell) => ({ input: { projectId: await w.plannedProject(cell) } }),
    expected: { ...ownerRoleThenProjectOwner, admin: NOT_FOUND },
    note: 'only the project owner funds (it is their card); an admin gets NOT_FOUND.',
  },
  {
    operation: 'grantRole',
    kind: 'mutation',
    document: `mutation($input: GrantRoleInput!) { grantRole(input: $input) { user { roles } } }`,
    variables: async (w) => ({ input: { userId: await w.newUserId(), role: 'REVIEWER' } }),
    expected: adminOnly,
  },
  {
    operation: 'logIn',
    kind: 'mutation',
    document: `mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`,
    variables: (w) =>
      Promise.resolve({ input: { email: w.users.owner.email, password: w.password } }),
    expected: everyone,
    note: 'public: whoever holds the credentials (here the project owner’s).',
  },
  {
    operation: 'logOut',
    kind: 'mutation',
    document: `mutation($input: LogOutInput!) { logOut(input: $input) { loggedOut } }`,
    variables: async (w, cell) => ({ input: { refreshToken: await w.ownerSession(cell) } }),
    expected: { ...projectOwnerOrAdmin, admin: NOT_FOUND },
    note: 'the target is a session of the project owner: only that user can end it.',
  },
  {
    operation: 'offerTask',
    kind: 'mutation',
    document: `mutation($input: OfferTaskInput!) { offerTask(input: $input) { offer { freelancerId status } task { status } } }`,
    variables: async (w, cell) => ({
      input: { taskId: await w.openTask(cell), freelancerId: w.users.otherFreelancer.id },
    }),
    expected: managerRole,
    check: (answer, w) =>
      expect(answer).toEqual({
        offer: { freelancerId: w.users.otherFreelancer.id, status: 'PENDING' },
        task: { status: 'OFFERED' },
      }),
    note: 'the project’s owner, its assigned reviewer (expert) or an admin; others NOT_FOUND (the task does not leak).',
  },
  {
    operation: 'pauseTask',
    kind: 'mutation',
    document: `mutation($input: TaskRefInput!) { pauseTask(input: $input) { id status } }`,
    variables: async (w, cell) => ({ input: { taskId: await w.openTask(cell) } }),
    expected: ownerRoleThenProjectOwner,
    check: (answer) => expect(answer).toMatchObject({ status: 'PAUSED' }),
  },
  {
    operation: 'planProject',
    kind: 'mutation',
    document: `mutation($input: PlanProjectInput!) { planProject(input: $input) { run { id } } }`,
    variables: async (w, cell) => ({ input: { projectId: await w.draftProject(cell) } }),
    expected: ownerRoleThenProjectOwner,
  },
  {
    operation: 'rateTask',
    kind: 'mutation',
    document: `mutation($input: RateTaskInput!) { rateTask(input: $input) { rating { taskId rating } } }`,
    variables: async (w, cell) => ({
      input: { taskId: await w.approvedTask(cell), rating: 4, comment: 'Clean work' },
    }),
    expected: projectOwnerOnly,
    check: (answer, _w, _role, variables) =>
      expect(answer).toEqual({
        rating: { taskId: (variables.input as { taskId: string }).taskId, rating: 4 },
      }),
    note: 'only the project’s owner rates its work: another owner NOT_FOUND (the task does not leak), an admin (who sees it) FORBIDDEN.',
  },
  {
    operation: 'refreshSession',
    kind: 'mutation',
    document: `mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken } }`,
    variables: async (w, cell) => ({
      input: { refreshToken: await w.ownerSession({ ...cell, fresh: true }) },
    }),
    expected: everyone,
    note: 'public: the refresh token is the credential (here one of the project owner’s sessions).',
  },
  {
    operation: 'releaseTaskClaim',
    kind: 'mutation',
    document: `mutation($input: TaskRefInput!) { releaseTaskClaim(input: $input) { id status } }`,
    variables: async (w, cell) => ({ input: { taskId: await w.claimedTask(cell) } }),
    expected: { ...freelancerRole, otherFreelancer: NOT_FOUND, admin: FORBIDDEN },
    check: (answer) => expect(answer).toMatchObject({ status: 'OPEN' }),
    note: 'only the assignee gives a claim back; another freelancer NOT_FOUND, an admin FORBIDDEN.',
  },
  {
    operation: 'removeOrganizationMembers',
    kind: 'mutation',
    document: `mutation($input: OrganizationMembersInput!) { removeOrganizationMembers(input: $input) { memberIds } }`,
    variables: async (w, cell) => ({
      input: { organizationId: await w.organization(cell), userIds: [w.users.otherFreelancer.id] },
    }),
    expected: ownerRoleThenProjectOwner,
    check: (answer) => expect(answer).toEqual({ memberIds: [] }),
    note: 'the organization’s creator (here the project owner) or an admin; other owners NOT_FOUND.',
  },
  {
    operation: 'removePlanTask',
    kind: 'mutation',
    document: `mutation($input: PlanTaskRefInput!) { removePlanTask(input: $input) { tasks { key } } }`,
    variables: async (w, cell) => {
      const { projectId, key } = await w.planTask(cell);
      return { input: { projectId, key } };
    },
    expected: ownerRoleThenProjectOwner,
  },
  {
    operation: 'resolveAppeal',
    kind: 'mutation',
    document: `mutation($input: ResolveAppealInput!) { resolveAppeal(input: $input) { appeal { status } task { id } } }`,
    variables: async (w, cell) => ({
      input: { appealId: await w.openAppeal(cell), overturn: false, note: 'The rejection stands' },
    }),
    expected: adminOnly,
    check: (answer) => expect(answer).toMatchObject({ appeal: { status: 'UPHELD' } }),
  },
  {
    operation: 'resolveDispute',
    kind: 'mutation',
    document: `mutation($input: ResolveDisputeInput!) { resolveDispute(input: $input) { dispute { status task { id } } } }`,
    variables: async (w, cell) => ({
      input: {
        disputeId: await w.openDispute(cell),
        outcome: 'UPHOLD',
        note: 'The work meets the criteria',
      },
    }),
    expected: adminOnly,
    check: (answer) => expect(answer).toMatchObject({ dispute: { status: 'UPHELD' } }),
  },
  {
    operation: 'resumeTask',
    kind: 'mutation',
    document: `mutation($input: TaskRefInput!) { resumeTask(input: $input) { id status } }`,
    variables: async (w, cell) => ({ input: { taskId: await w.pausedTask(cell) } }),
    expected: ownerRoleThenProjectOwner,
    check: (answer) => expect(answer).toMatchObject({ status: 'OPEN' }),
  },
  {
    operation: 'retryPayout',
    kind: 'mutation',
    document: `mutation($input: PayoutRefInput!) { retryPayout(input: $input) { id status } }`,
    variables: async (w, cell) => ({ input: { payoutId: await w.failedPayout(cell) } }),
    expected: adminOnly,
    check: (answer) => expect(answer).toMatchObject({ status: 'PENDING' }),
  },
  {
    operation: 'reversePayout',
    kind: 'mutation',
    document: `mutation($input: ReversePayoutInput!) { reversePayout(input: $input) { id status } }`,
    variables: async (w, cell) => ({
      input: { payoutId: await w.paidPayout(cell), reason: 'Dispute: deliverable plagiarised' },
    }),
    expected: adminOnly,
  },
  {
    operation: 'reviewTask',
    kind: 'mutation',
    document: `mutation($input: ReviewTaskInput!) { reviewTask(input: $input) { task { status } } }`,
    variables: async (w, cell) => {
      const task = await w.submittedTask(cell);
      return {
        input: {
          taskId: task.id,
          verdict: 'APPROVE',
          overallScore: 5,
          assessments: Array.from({ length: task.criteria }, (_, i) => ({
            criterionId: `AC${i + 1}`,
            passed: true,
          })),
        },
      };
    },
    expected: { ...reviewerRole, otherReviewer: NOT_FOUND },
    check: (answer) => expect(answer).toEqual({ task: { status: 'APPROVED' } }),
    note: 'only a reviewer assigned to the project, or an admin; another reviewer NOT_FOUND (not in its queue).',
  },
  {
    operation: 'setProjectAutoAssign',
    kind: 'mutation',
    document: `mutation($input: SetProjectAutoAssignInput!) { setProjectAutoAssign(input: $input) { enabled maxCandidates } }`,
    variables: async (w, cell) => ({
      input: { projectId: await w.draftProject(cell), enabled: true, maxCandidates: 2 },
    }),
    expected: ownerRoleThenProjectOwner,
    check: (answer) => expect(answer).toEqual({ enabled: true, maxCandidates: 2 }),
  },
  {
    operation: 'setProjectReviewPolicy',
    kind: 'mutation',
    document: `mutation($input: SetProjectReviewPolicyInput!) { setProjectReviewPolicy(input: $input) { excludeSameOrganizationReviewers } }`,
    variables: async (w, cell) => ({
      input: { projectId: await w.draftProject(cell), excludeSameOrganizationReviewers: true },
    }),
    expected: ownerRoleThenProjectOwner,
    check: (answer) => expect(answer).toEqual({ excludeSameOrganizationReviewers: true }),
  },
  {
    operation: 'setProjectTalentPool',
    kind: 'mutation',
    document: `mutation($input: SetProjectTalentPoolInput!) { setProjectTalentPool(input: $input) }`,
    variables: async (w, cell) => ({
      input: { projectId: await w.draftProject(cell), freelancerIds: [w.users.assignee.id] },
    }),
    expected: ownerRoleThenProjectOwner,
  },
  {
    operation: 'setTaskMinReputation',
    kind: 'mutation',
    document: `mutation($input: SetTaskMinReputationInput!) { setTaskMinReputation(input: $input) { id } }`,
    variables: async (w, cell) => ({
      input: { taskId: await w.openTask(cell), minReputation: 4.5 },
    }),
    expected: ownerRoleThenProjectOwner,
    check: (answer, _w, _role, variables) =>
      expect(answer).toEqual({ id: (variables.input as { taskId: string }).taskId }),
  },
  {
    operation: 'signUp',
    kind: 'mutation',
    document: `mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }`,
    variables: (w) =>
      Promise.resolve({
        input: {
          email: w.freshEmail(),
          password: w.password,
          displayName: 'New',
          roles: ['FREELANCER'],
        },
      }),
    expected: everyone,
  },
  {
    operation: 'startPayoutOnboarding',
    kind: 'mutation',
    document: 'mutation { startPayoutOnboarding { url } }',
    variables: vars({}),
    expected: payeeRole,
  },
  {
    operation: 'submitTask',
    kind: 'mutation',
    document: `mutation($input: SubmitTaskInput!) { submitTask(input: $input) { revision } }`,
    variables: async (w, cell) => ({
      input: {
        taskId: await w.claimedTask(cell),
        links: ['https://github.com/acme/books/pull/7'],
        notes: 'Done',
        hoursSpent: 2,
      },
    }),
    expected: { ...freelancerRole, otherFreelancer: NOT_FOUND, admin: FORBIDDEN },
    note: 'only the assignee submits; another freelancer NOT_FOUND, an admin FORBIDDEN.',
  },
  {
    operation: 'updateFreelancerProfile',
    kind: 'mutation',
    document: `mutation($input: UpdateFreelancerProfileInput!) { updateFreelancerProfile(input: $input) { weeklyHours } }`,
    variables: (w, cell) =>
      Promise.resolve({
        // The admin keeps a skill no board task needs, so that it stays unqualified for claims.
        input: {
          skills: cell.role === 'admin' ? w.adminSkills : w.qualifiedSkills,
          weeklyHours: 30,
        },
      }),
    expected: freelancerRole,
    note: 'each caller edits only their own profile (there is no user argument).',
  },
  {
    operation: 'updateReviewerProfile',
    kind: 'mutation',
    document: `mutation($input: UpdateReviewerProfileInput!) { updateReviewerProfile(input: $input) { skills { skill } } }`,
    // A skill no board task needs: the open review queue of the world stays as it is.
    variables: vars({ input: { skills: [{ skill: 'cobol', level: 3 }] } }),
    expected: reviewerRole,
    note: 'each reviewer edits only their own skills (there is no user argument).',
  },
  {
    operation: 'reclassifyBriefLine',
    kind: 'mutation',
    document: `mutation($input: ReclassifyBriefLineInput!) { reclassifyBriefLine(input: $input) { briefLine { line kind reclassified } } }`,
    variables: async (w, cell) => ({
      input: { projectId: await w.draftProject(cell), line: 1, kind: 'REQUIREMENT' },
    }),
    expected: { ...ownerRole, otherOwner: NOT_FOUND, admin: NOT_FOUND },
    note: 'only the project’s owner says how the brief is read; anyone else, admins included, NOT_FOUND.',
  },
  {
    operation: 'updatePlanTask',
    kind: 'mutation',
    document: `mutation($input: UpdatePlanTaskInput!) { updatePlanTask(input: $input) { tasks { key } } }`,
    variables: async (w, cell) => {
      const { projectId, key } = await w.planTask(cell);
      return { input: { projectId, key, title: 'Renamed by the matrix' } };
    },
    expected: ownerRoleThenProjectOwner,
  },

  {
    operation: 'markNotificationsRead',
    kind: 'mutation',
    document: `mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { marked unreadCount } }`,
    variables: (w) => Promise.resolve({ input: { ids: [w.ownerNotificationId] } }),
    expected: {
      owner: ALLOW,
      otherOwner: NOT_FOUND,
      assignee: NOT_FOUND,
      otherFreelancer: NOT_FOUND,
      reviewer: NOT_FOUND,
      otherReviewer: NOT_FOUND,
      admin: NOT_FOUND,
      anonymous: UNAUTHENTICATED,
    },
    note: 'a notification is its recipient’s alone, even for an admin.',
  },
  {
    operation: 'updateNotificationPreferences',
    kind: 'mutation',
    document: `mutation($input: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { preferences { kind email } } }`,
    variables: vars({ input: { preferences: [{ kind: 'THREAD_MESSAGE', email: false }] } }),
    expected: anySignedIn,
    note: 'the caller’s own settings.',
  },
  // ─── Subscriptions ──────────────────────────────────────────────────────
  {
    operation: 'taskThread',
    kind: 'query',
    document: `query($taskId: ID!) { taskThread(taskId: $taskId, first: 50) { edges { node { id authorId visibility } } } }`,
    variables: (w) => Promise.resolve({ taskId: w.sharedClaimedTaskId }),
    expected: threadParticipants,
    check: (answer, w) =>
      expect(answer).toMatchObject({
        edges: expect.arrayContaining([
          {
            node: { id: expect.any(String), authorId: w.users.assignee.id, visibility: 'PRIVATE' },
          },
        ]) as unknown,
      }),
    note: 'the thread of a claimed task: its assignee, the owner, the project’s reviewer and admins; a freelancer who never wrote in it may no longer learn it exists.',
  },
  {
    operation: 'postTaskMessage',
    kind: 'mutation',
    document: `mutation($input: PostTaskMessageInput!) { postTaskMessage(input: $input) { message { id visibility } } }`,
    variables: (w) =>
      Promise.resolve({
        input: { taskId: w.sharedClaimedTaskId, visibility: 'PRIVATE', body: 'Any news?' },
      }),
    expected: threadParticipants,
    check: (answer) => expect(answer).toMatchObject({ message: { visibility: 'PRIVATE' } }),
    note: 'a PRIVATE message on a claimed task.',
  },
  {
    operation: 'editTaskMessage',
    kind: 'mutation',
    document: `mutation($input: EditTaskMessageInput!) { editTaskMessage(input: $input) { message { id body editedAt } } }`,
    variables: async (w, cell) => ({
      input: { messageId: await w.threadMessage(cell), body: 'Edited text' },
    }),
    expected: {
      ...threadParticipants,
      owner: FORBIDDEN,
      reviewer: FORBIDDEN,
      admin: FORBIDDEN,
    },
    check: (answer) => expect(answer).toMatchObject({ message: { body: 'Edited text' } }),
    note: 'the assignee’s private message: only its author edits; those who may read it get FORBIDDEN, others NOT_FOUND.',
  },
  {
    operation: 'deleteTaskMessage',
    kind: 'mutation',
    document: `mutation($input: TaskMessageRefInput!) { deleteTaskMessage(input: $input) { message { id body deletedAt } } }`,
    variables: async (w, cell) => ({ input: { messageId: await w.threadMessage(cell) } }),
    expected: { ...threadParticipants, owner: FORBIDDEN, reviewer: FORBIDDEN },
    check: (answer) => expect(answer).toMatchObject({ message: { body: null } }),
    note: 'the assignee’s private message: its author or an admin deletes it.',
  },
  {
    operation: 'notificationReceived',
    kind: 'subscription',
    document: `subscription { notificationReceived { kind subject } }`,
    variables: vars({}),
    trigger: (w) => w.notifyEveryone(),
    expected: anySignedIn,
    check: (answer) => expect(answer).toMatchObject({ kind: 'FUNDING_CONFIRMED' }),
    note: 'each subscriber gets only its own notifications; the trigger notifies every user.',
  },
  {
    operation: 'openTaskMatched',
    kind: 'subscription',
    document: 'subscription { openTaskMatched { id status } }',
    variables: vars({}),
    trigger: (w) => w.openMatchedTasks(),
    expected: freelancerRole,
    check: (answer) => expect(answer).toMatchObject({ status: 'OPEN' }),
    note: 'each subscriber gets only the tasks its own profile covers; the trigger opens a task for each.',
  },
  {
    operation: 'planningRunProgress',
    kind: 'subscription',
    document: `subscription($id: ID!) { planningRunProgress(runId: $id) { status percent } }`,
    variables: async (w, cell) => ({ id: await w.planningRun(cell) }),
    trigger: (w) => w.drain(),
    expected: projectOwnerOrAdmin,
  },
  {
    operation: 'taskMessagePosted',
    kind: 'subscription',
    document: `subscription($taskId: ID!) { taskMessagePosted(taskId: $taskId) { taskId authorId visibility } }`,
    variables: (w) => Promise.resolve({ taskId: w.sharedClaimedTaskId }),
    trigger: (w) => w.postThreadMessage(),
    expected: threadParticipants,
    check: (answer, w) =>
      expect(answer).toEqual({
        taskId: w.sharedClaimedTaskId,
        authorId: w.users.owner.id,
        visibility: 'PRIVATE',
      }),
    note: 'the same readers as taskThread; the event is a private message of the owner.',
  },
  {
    operation: 'taskStatusChanged',
    kind: 'subscription',
    document: `subscription($projectId: ID) { taskStatusChanged(projectId: $projectId) { taskId projectId from to } }`,
    variables: (w) => Promise.resolve({ projectId: w.watchedProjectId }),
    trigger: (w) => w.bumpWatchedTask(),
    expected: { ...projectOwnerOrAdmin, assignee: ALLOW, reviewer: ALLOW },
    check: (answer, w) =>
      expect(answer).toEqual({
        taskId: w.watchedTaskId,
        projectId: w.watchedProjectId,
        from: 'PAUSED',
        to: 'CLAIMED',
      }),
    note: 'the project’s owner, its reviewer, a freelancer who held one of its tasks (the assignee), an admin; the event is the assignee’s paused task resumed.',
  },
];

const KIND_ORDER: OperationKind[] = ['query', 'mutation', 'subscription'];

/** Renders the README table: queries, mutations, subscriptions, each by name; then the notes. */
export function renderMatrixTable(rows: MatrixRow[] = MATRIX): string {
  const short = (o: Outcome): string =>
    o === 'ALLOW'
      ? '✅'
      : o.startsWith('ALLOW_BUSINESS_ERROR:')
        ? `✅ then ${o.slice('ALLOW_BUSINESS_ERROR:'.length)}`
        : o;
  const header = `| operation | ${ROLES.map((r) => ROLE_LABELS[r]).join(' | ')} |`;
  const rule = `|${' --- |'.repeat(ROLES.length + 1)}`;
  const sorted = [...rows].sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      a.operation.localeCompare(b.operation),
  );
  const lines = sorted.map(
    (r) =>
      `| ${r.kind} \`${r.operation}\` | ${ROLES.map((role) => short(r.expected[role])).join(' | ')} |`,
  );
  const notes = sorted.filter((r) => r.note).map((r) => `- \`${r.operation}\`: ${r.note}`);
  return [header, rule, ...lines, '', ...notes].join('\n');
}
