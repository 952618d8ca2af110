import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { ParsedMail, simpleParser } from 'mailparser';
import { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { AppConfig } from '@splitwork/config';
import { JobQueue, JobRunner } from '@splitwork/jobs';
import { Role } from '@splitwork/kernel';
import {
  NOTIFICATION_EMAIL_JOB,
  NotificationMailer,
  NotificationService,
} from '@splitwork/notifications';
import { errorCodes, FakeOpenAiServer, TestSmtpServer } from '@splitwork/test-support';
import { ApiHarness, startApi, TestUser } from './api-harness';
import * as fixtures from './market-fixtures';

jest.setTimeout(120_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface Task {
  id: string;
  title: string;
  status: string;
  acceptanceCriteria: string[];
  skills: { skill: string; minLevel: number }[];
  claimDeadline: string | null;
}

interface Notification {
  id: string;
  kind: string;
  subject: string;
  body: string;
  taskId: string | null;
  projectId: string | null;
  read: boolean;
}

const TASK_FIELDS = 'id title status acceptanceCriteria skills { skill minLevel } claimDeadline';
const NOTIFICATION_FIELDS = 'id kind subject body taskId projectId read';
const INBOX = `query($unreadOnly: Boolean) { notifications(first: 50, unreadOnly: $unreadOnly) {
  edges { node { ${NOTIFICATION_FIELDS} } } } }`;
const UNREAD = `query { unreadNotificationCount }`;
const MARK_READ = `mutation($input: MarkNotificationsReadInput!) {
  markNotificationsRead(input: $input) { marked unreadCount } }`;
const PREFERENCES = `query { notificationPreferences { kind email } }`;
const UPDATE_PREFERENCES = `mutation($input: UpdateNotificationPreferencesInput!) {
  updateNotificationPreferences(input: $input) { preferences { kind email } } }`;
const OFFER = `mutation($input: OfferTaskInput!) { offerTask(input: $input) { offer { id } } }`;
const ACCEPT = `mutation($input: TaskRefInput!) { acceptTaskOffer(input: $input) { status } }`;
const SUBMIT = `mutation($input: SubmitTaskInput!) { submitTask(input: $input) { revision } }`;
const REVIEW = `mutation($input: ReviewTaskInput!) { reviewTask(input: $input) { task { status } } }`;
const CLAIM = `mutation($input: TaskRefInput!) { claimTask(input: $input) { id } }`;
const APPEAL = `mutation($input: AppealRejectionInput!) { appealRejection(input: $input) { id } }`;
const RESOLVE = `mutation($input: ResolveAppealInput!) { resolveAppeal(input: $input) { appeal { status } } }`;
const RECEIVED = `subscription { notificationReceived { ${NOTIFICATION_FIELDS} } }`;

const FEEDBACK = 'The sign-up form shows no error when the email is already taken.';

/** The notification id a Message-ID carries: `<id@host>`. */
const idOfMessage = (messageId: string | undefined) => messageId?.replace(/^<([^@]+)@.*$/, '$1');

/** A header exactly as sent (mailparser folds the List-* headers into one object). */
function header(mail: ParsedMail, key: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === key.toLowerCase())?.line;
  return line?.slice(line.indexOf(':') + 1).trim();
}

/** graphile-worker runs delayed jobs by database time: bring the due ones forward (no-op embedded). */
async function makeDelayedJobsDue(api: ApiHarness): Promise<void> {
  await fixtures.makeDelayedJobsDue(api, { dueByClock: true });
  const dataSource = api.app.get(DataSource);
  const graphile = await dataSource.query<{ t: string | null }[]>(
    `SELECT to_regclass('graphile_worker._private_jobs') AS t`,
  );
  if (!graphile[0].t) return;
  await dataSource.query(
    `UPDATE graphile_worker._private_jobs SET run_at = now() WHERE run_at <= $1 AND task_id IN
      (SELECT id FROM graphile_worker._private_tasks WHERE identifier LIKE 'notifications.%')`,
    [api.clock.now()],
  );
}

describe('notifications, with a real SMTP server', () => {
  let api: ApiHarness;
  let smtp: TestSmtpServer;
  let runner: JobRunner;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    api = await startApi({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Splitwork <notify@splitwork.test>',
      PUBLIC_URL: 'http://splitwork.test',
    });
    runner = api.app.get(JobRunner);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  const refresh = async (user: TestUser): Promise<TestUser> => ({
    ...user,
    token: await fixtures.logIn(api, user),
  });

  async function inbox(user: TestUser, unreadOnly = false): Promise<Notification[]> {
    const { notifications } = await api.gql.ok<{
      notifications: { edges: { node: Notification }[] };
    }>(INBOX, { unreadOnly }, user.token);
    return notifications.edges.map((e) => e.node);
  }

  const unread = async (user: TestUser) =>
    (await api.gql.ok<{ unreadNotificationCount: number }>(UNREAD, {}, user.token))
      .unreadNotificationCount;

  const fundedProject = (owner?: TestUser) =>
    fixtures.fundedProject<Task>(api, { taskFields: TASK_FIELDS, owner });

  async function advance(ms: number): Promise<void> {
    api.clock.advance(ms);
    await makeDelayedJobsDue(api);
    await runner.drain();
  }

  it('tells a freelancer of an offer, its expiry, the claim deadline and the review feedback, in the inbox and by email', async () => {
    const { owner, reviewer, projectId, tasks } = await fundedProject();
    const task = tasks.find((t) => t.status === 'OPEN')!;
    let freelancer = await fixtures.qualifiedFreelancer(api, [task], { onboard: true });

    await api.gql.ok(
      OFFER,
      { input: { taskId: task.id, freelancerId: freelancer.id, expiresInHours: 24 } },
      owner.token,
    );
    await runner.drain();
    const [offered] = await inbox(freelancer);
    expect(offered).toMatchObject({
      kind: 'OFFER_MADE',
      taskId: task.id,
      projectId,
      read: false,
      subject: `You were offered "${task.title}"`,
    });
    const [offerMail] = smtp.to(freelancer.email);
    expect(offerMail.subject).toBe(offered.subject);
    expect(offerMail.text).toContain(offered.body);
    expect(idOfMessage(offerMail.messageId)).toBe(offered.id);
    expect(header(offerMail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(header(offerMail, 'List-Unsubscribe')).toContain(
      'http://splitwork.test/notifications/unsubscribe?token=',
    );

    // A quarter of the offer's 24 h before it expires: the reminder, once.
    await advance(19 * HOUR);
    freelancer = await refresh(freelancer);
    const expiring = (await inbox(freelancer)).filter((n) => n.kind === 'OFFER_EXPIRING');
    expect(expiring).toHaveLength(1);
    expect(expiring[0].taskId).toBe(task.id);

    await api.gql.ok(ACCEPT, { input: { taskId: task.id } }, freelancer.token);
    await runner.drain();
    const claimed = (
      await fixtures.projectTasks<Task>(api, await refresh(owner), projectId, TASK_FIELDS)
    ).tasks.find((t) => t.id === task.id)!;
    const deadline = new Date(claimed.claimDeadline!).getTime();
    await advance(deadline - api.clock.now().getTime() - MINUTE);
    freelancer = await refresh(freelancer);
    const approaching = (await inbox(freelancer)).filter(
      (n) => n.kind === 'CLAIM_DEADLINE_APPROACHING',
    );
    expect(approaching).toHaveLength(1);
    api.clock.advance(1000); // the inbox orders by time: the next ones come later

    await api.gql.ok(
      SUBMIT,
      {
        input: {
          taskId: task.id,
          links: ['https://github.com/acme/books/pull/9'],
          notes: 'Done',
          hoursSpent: 2,
        },
      },
      freelancer.token,
    );
    await runner.drain();
    const expert = await refresh(reviewer);
    const waiting = (await inbox(expert)).filter((n) => n.kind === 'SUBMISSION_WAITING_FOR_REVIEW');
    expect(waiting.map((n) => n.taskId)).toEqual([task.id]);

    await api.gql.ok(
      REVIEW,
      {
        input: {
          taskId: task.id,
          verdict: 'REQUEST_CHANGES',
          overallScore: 2,
          assessments: fixtures.assessments(task, [0], 'No error shown'),
          feedback: FEEDBACK,
        },
      },
      expert.token,
    );
    await runner.drain();
    const [changes] = (await inbox(freelancer)).filter((n) => n.kind === 'CHANGES_REQUESTED');
    expect(changes.body).toContain(FEEDBACK);
    expect(changes.body).toContain(task.acceptanceCriteria[0]);
    const changesMail = smtp
      .to(freelancer.email)
      .find((m) => idOfMessage(m.messageId) === changes.id)!;
    expect(changesMail.text).toContain(FEEDBACK);
    expect(changesMail.text).toContain(task.acceptanceCriteria[0]);

    // Every notification of the freelancer went out by email, each once.
    const received = smtp.to(freelancer.email).map((m) => idOfMessage(m.messageId));
    const all = await inbox(freelancer);
    expect(all.map((n) => n.kind).sort()).toEqual(
      ['CHANGES_REQUESTED', 'CLAIM_DEADLINE_APPROACHING', 'OFFER_EXPIRING', 'OFFER_MADE'].sort(),
    );
    expect([...received].sort()).toEqual(all.map((n) => n.id).sort());

    // Newest first, page by page.
    const PAGE = `query($after: String) { notifications(first: 3, after: $after) {
      edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      notifications: {
        edges: { node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const first = await api.gql.ok<Page>(PAGE, {}, freelancer.token);
    expect(first.notifications.pageInfo.hasNextPage).toBe(true);
    const second = await api.gql.ok<Page>(
      PAGE,
      { after: first.notifications.pageInfo.endCursor },
      freelancer.token,
    );
    expect(second.notifications.pageInfo.hasNextPage).toBe(false);
    expect(
      [...first.notifications.edges, ...second.notifications.edges].map((e) => e.node.id),
    ).toEqual(all.map((n) => n.id));
    expect(all[0].kind).toBe('CHANGES_REQUESTED');
    expect(all[all.length - 1].kind).toBe('OFFER_MADE');

    // Unread count and mark read: one, then all.
    expect(await unread(freelancer)).toBe(4);
    const one = await api.gql.ok<{
      markNotificationsRead: { marked: number; unreadCount: number };
    }>(MARK_READ, { input: { ids: [offered.id] } }, freelancer.token);
    expect(one.markNotificationsRead).toEqual({ marked: 1, unreadCount: 3 });
    expect((await inbox(freelancer, true)).map((n) => n.id)).not.toContain(offered.id);
    const rest = await api.gql.ok<{
      markNotificationsRead: { marked: number; unreadCount: number };
    }>(MARK_READ, { input: { all: true } }, freelancer.token);
    expect(rest.markNotificationsRead).toEqual({ marked: 3, unreadCount: 0 });
    expect(await inbox(freelancer, true)).toEqual([]);
  });

  const submit = (user: TestUser, taskId: string) =>
    api.gql.ok(
      SUBMIT,
      {
        input: {
          taskId,
          links: ['https://github.com/acme/books/pull/9'],
          notes: 'Done',
          hoursSpent: 2,
        },
      },
      user.token,
    );

  const verdict = (task: Task, verdict: 'APPROVE' | 'REJECT') => ({
    taskId: task.id,
    verdict,
    overallScore: verdict === 'APPROVE' ? 5 : 1,
    assessments: fixtures.assessments(task, verdict === 'APPROVE' ? [] : [0]),
    feedback: verdict === 'APPROVE' ? null : 'Does not meet the criteria',
  });

  it('tells the owner of planning and funding, the freelancer of approval and payment, and the appellant of the decision', async () => {
    const { owner, reviewer, projectId, tasks } = await fundedProject();
    const ownerKinds = (await inbox(owner)).filter((n) => n.projectId === projectId);
    expect(ownerKinds.map((n) => n.kind).sort()).toEqual([
      'FUNDING_CONFIRMED',
      'PLANNING_FINISHED',
    ]);

    const [paidTask, appealedTask] = tasks.filter((t) => t.status === 'OPEN');
    const freelancer = await fixtures.qualifiedFreelancer(api, [paidTask], { onboard: true });
    await api.gql.ok(CLAIM, { input: { taskId: paidTask.id } }, freelancer.token);
    await submit(freelancer, paidTask.id);
    await api.gql.ok(REVIEW, { input: verdict(paidTask, 'APPROVE') }, reviewer.token);
    await runner.drain();
    const outcome = (await inbox(freelancer)).filter((n) => n.taskId === paidTask.id);
    expect(outcome.map((n) => n.kind).sort()).toEqual(['TASK_APPROVED', 'TASK_PAID']);
    expect(outcome.find((n) => n.kind === 'TASK_PAID')?.body).toMatch(
      /\d+\.\d{2} USD was paid out/,
    );
    expect(
      smtp
        .to(freelancer.email)
        .map((m) => m.subject)
        .sort(),
    ).toEqual(outcome.map((n) => n.subject).sort());

    const appellant = await fixtures.qualifiedFreelancer(api, [appealedTask], { onboard: true });
    await api.gql.ok(CLAIM, { input: { taskId: appealedTask.id } }, appellant.token);
    await submit(appellant, appealedTask.id);
    await api.gql.ok(REVIEW, { input: verdict(appealedTask, 'REJECT') }, reviewer.token);
    const [rejected] = (await inbox(appellant)).filter((n) => n.kind === 'SUBMISSION_REJECTED');
    expect(rejected.taskId).toBe(appealedTask.id);
    expect(rejected.body).toContain('Does not meet the criteria');
    const { appealRejection } = await api.gql.ok<{ appealRejection: { id: string } }>(
      APPEAL,
      { input: { taskId: appealedTask.id, reason: 'Every criterion is met, see the demo link.' } },
      appellant.token,
    );
    const admin = await api.factory.admin();
    await api.gql.ok(
      RESOLVE,
      { input: { appealId: appealRejection.id, overturn: true, note: 'The demo shows it works.' } },
      admin.token,
    );
    await runner.drain();
    const [decided] = (await inbox(appellant)).filter((n) => n.kind === 'APPEAL_DECIDED');
    expect(decided.taskId).toBe(appealedTask.id);
    expect(decided.body).toContain('OVERTURNED');
    expect(decided.body).toContain('The demo shows it works.');
  });

  it("refuses to mark someone else's notification read: NOT_FOUND, and nothing is marked", async () => {
    const { owner } = await fundedProject();
    const stranger = await api.factory.user([Role.OWNER]);
    await fundedProject(stranger);
    const [theirs] = await inbox(owner);
    const [mine] = await inbox(stranger);
    expect(theirs).toBeDefined();
    const before = await unread(owner);

    const alone = await api.gql.request(MARK_READ, { input: { ids: [theirs.id] } }, stranger.token);
    expect(errorCodes(alone)).toEqual(['NOT_FOUND']);
    const mixed = await api.gql.request(
      MARK_READ,
      { input: { ids: [mine.id, theirs.id] } },
      stranger.token,
    );
    expect(errorCodes(mixed)).toEqual(['NOT_FOUND']);

    expect(await unread(owner)).toBe(before);
    expect((await inbox(stranger)).find((n) => n.id === mine.id)?.read).toBe(false);
    const bad = await api.gql.request(MARK_READ, { input: {} }, stranger.token);
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
  });

  it('keeps a kind out of email once the user turns it off, while the inbox still has it', async () => {
    const { owner, tasks } = await fundedProject();
    const task = tasks.find((t) => t.status === 'OPEN')!;
    const freelancer = await fixtures.qualifiedFreelancer(api, [task]);
    const { updateNotificationPreferences } = await api.gql.ok<{
      updateNotificationPreferences: { preferences: { kind: string; email: boolean }[] };
    }>(
      UPDATE_PREFERENCES,
      { input: { preferences: [{ kind: 'OFFER_MADE', email: false }] } },
      freelancer.token,
    );
    expect(updateNotificationPreferences.preferences).toContainEqual({
      kind: 'OFFER_MADE',
      email: false,
    });
    expect(updateNotificationPreferences.preferences).toContainEqual({
      kind: 'CHANGES_REQUESTED',
      email: true,
    });

    await api.gql.ok(
      OFFER,
      { input: { taskId: task.id, freelancerId: freelancer.id } },
      owner.token,
    );
    await runner.drain();
    expect((await inbox(freelancer)).map((n) => n.kind)).toEqual(['OFFER_MADE']);
    expect(smtp.to(freelancer.email)).toEqual([]);
  });

  it('turns a kind of email off through the unsubscribe link: GET only asks, POST (one-click) does it', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    await fixtures.plannedProject(api, owner);
    const [planned] = smtp.to(owner.email).filter((m) => m.subject?.startsWith('The plan for'));
    expect(planned).toBeDefined();
    const link = new URL(header(planned, 'List-Unsubscribe')!.replace(/^<|>$/g, ''));
    expect(planned.text).toContain(link.toString());
    const local = `${api.baseUrl}${link.pathname}${link.search}`;

    const page = await fetch(local);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('PLANNING_FINISHED');
    const emailOf = async (kind: string) =>
      (
        await api.gql.ok<{ notificationPreferences: { kind: string; email: boolean }[] }>(
          PREFERENCES,
          {},
          owner.token,
        )
      ).notificationPreferences.find((p) => p.kind === kind)?.email;
    expect(await emailOf('PLANNING_FINISHED')).toBe(true);

    const oneClick = await fetch(local, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await emailOf('PLANNING_FINISHED')).toBe(false);
    expect(await emailOf('FUNDING_CONFIRMED')).toBe(true);

    // The next plan is in the inbox, not in the mailbox.
    const mailsBefore = smtp.to(owner.email).length;
    await fixtures.plannedProject(api, owner, { title: 'Second' });
    expect(smtp.to(owner.email)).toHaveLength(mailsBefore);
    expect((await inbox(owner)).filter((n) => n.kind === 'PLANNING_FINISHED')).toHaveLength(2);

    // A forged or altered token changes nothing.
    const forged = `${api.baseUrl}${link.pathname}?token=${encodeURIComponent(
      link.searchParams.get('token')!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
    )}`;
    expect((await fetch(forged)).status).toBe(404);
    expect((await fetch(forged, { method: 'POST' })).status).toBe(404);

    // The email's other link turns every kind off.
    const all = new URL(/Stop all Splitwork emails: (\S+)/.exec(planned.text ?? '')![1]);
    const allLocal = `${api.baseUrl}${all.pathname}${all.search}`;
    expect((await fetch(allLocal, { method: 'POST' })).status).toBe(200);
    const { notificationPreferences } = await api.gql.ok<{
      notificationPreferences: { kind: string; email: boolean }[];
    }>(PREFERENCES, {}, owner.token);
    expect(notificationPreferences.filter((p) => p.email)).toEqual([]);
  });

  it('sends an email once when the SMTP server refused it the first time, and never again on a re-run', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    smtp.refuseNext(1);
    await fixtures.plannedProject(api, owner);
    const [planned] = (await inbox(owner)).filter((n) => n.kind === 'PLANNING_FINISHED');
    expect(smtp.to(owner.email)).toEqual([]);

    // The job retries after its backoff.
    await advance(10 * 1000);
    expect(smtp.to(owner.email).map((m) => idOfMessage(m.messageId))).toEqual([planned.id]);

    // The same job again (a duplicate delivery, an operator's re-run): nothing more is sent.
    const dataSource = api.app.get(DataSource);
    await dataSource.transaction((manager) =>
      api.app
        .get(JobQueue)
        .enqueue(manager, NOTIFICATION_EMAIL_JOB, { notificationId: planned.id }),
    );
    await runner.drain();
    expect(smtp.to(owner.email)).toHaveLength(1);
  });

  it('never sends again an email whose earlier attempt may have reached the server', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const dataSource = api.app.get(DataSource);
    // A run that crashed after the server accepted the message and before
    // recording it leaves the row SENDING: here the message was delivered,
    // then the row is put back to SENDING and the job runs again.
    const projectId = await fixtures.draftProject(api, owner);
    await api.gql.ok(
      `mutation($input: PlanProjectInput!) { planProject(input: $input) { run { id } } }`,
      { input: { projectId } },
      owner.token,
    );
    await runner.drain();
    const [planned] = (await inbox(owner)).filter((n) => n.kind === 'PLANNING_FINISHED');
    const sentOnce = smtp.to(owner.email).length;
    expect(sentOnce).toBe(1);
    await dataSource.query(`UPDATE notifications SET email_status = 'SENDING' WHERE id = $1`, [
      planned.id,
    ]);
    await dataSource.transaction((manager) =>
      api.app
        .get(JobQueue)
        .enqueue(manager, NOTIFICATION_EMAIL_JOB, { notificationId: planned.id }),
    );
    await runner.drain();
    expect(smtp.to(owner.email)).toHaveLength(sentOnce);
    const [row] = await dataSource.query<{ email_status: string }[]>(
      `SELECT email_status FROM notifications WHERE id = $1`,
      [planned.id],
    );
    expect(row.email_status).toBe('UNCERTAIN');
  });

  it('notifies nobody when the change that caused it rolls back', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const live = subscribe(owner, RECEIVED);
    try {
      await settle();
      await expect(
        api.app.get(DataSource).transaction(async (manager) => {
          await api.app
            .get(NotificationService)
            .notify({ recipientId: owner.id, kind: 'FUNDING_CONFIRMED', facts: {} }, manager);
          throw new Error('the cause failed');
        }),
      ).rejects.toThrow('the cause failed');
      await runner.drain();
      await settle();
      expect(await inbox(owner)).toEqual([]);
      expect(live.received).toEqual([]);
      expect(smtp.to(owner.email)).toEqual([]);
    } finally {
      await live.dispose();
    }
  });

  /** A live graphql-ws subscription: what it received. */
  function subscribe(user: TestUser, query: string) {
    const client = createClient({
      url: api.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${user.token}` },
    });
    const received: Record<string, unknown>[] = [];
    const errors: unknown[] = [];
    client.subscribe(
      { query },
      {
        next: (result) => {
          if (result.errors) errors.push(...result.errors);
          if (result.data)
            received.push(...Object.values(result.data as Record<string, Record<string, unknown>>));
        },
        error: (err: unknown) => errors.push(err),
        complete: () => undefined,
      },
    );
    return { received, errors, dispose: () => client.dispose() };
  }

  const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));

  it('pushes a new notification live to its recipient only', async () => {
    const owner = await api.factory.user([Role.OWNER]);
    const other = await api.factory.user([Role.OWNER]);
    const mine = subscribe(owner, RECEIVED);
    const theirs = subscribe(other, RECEIVED);
    try {
      await settle();
      const projectId = await fixtures.plannedProject(api, owner);
      await settle();
      expect(mine.errors).toEqual([]);
      expect(mine.received).toEqual([
        expect.objectContaining({ kind: 'PLANNING_FINISHED', projectId, read: false }),
      ]);
      expect(theirs.received).toEqual([]);
      expect(theirs.errors).toEqual([]);
    } finally {
      await mine.dispose();
      await theirs.dispose();
    }
  });
});

describe('notifications in zero-setup mode (no SMTP_URL)', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    // The other API of this file set SMTP_URL in process.env: unset it.
    api = await startApi({ SMTP_URL: '' });
  });
  afterAll(() => api?.close());

  it('writes each email as an .eml file under the data folder, and says where', async () => {
    const mailer = api.app.get(NotificationMailer);
    const folder = join(api.app.get(AppConfig).SPLITWORK_DATA_DIR, 'mail');
    expect(mailer.describe()).toContain(folder);

    const owner = await api.factory.user([Role.OWNER]);
    await fixtures.plannedProject(api, owner);
    const { notifications } = await api.gql.ok<{
      notifications: { edges: { node: Notification }[] };
    }>(INBOX, {}, owner.token);
    const planned = notifications.edges
      .map((e) => e.node)
      .find((n) => n.kind === 'PLANNING_FINISHED')!;

    expect(await readdir(folder)).toContain(`${planned.id}.eml`);
    const mail = await simpleParser(await readFile(join(folder, `${planned.id}.eml`)));
    expect(mail.subject).toBe(planned.subject);
    expect(idOfMessage(mail.messageId)).toBe(planned.id);
    expect(mail.text).toContain(planned.body);
    expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
  });
});

describe('notifications of a failed planning run', () => {
  let fake: FakeOpenAiServer;
  let api: ApiHarness;

  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
    api = await startApi({
      SMTP_URL: '',
      OPENAI_API_KEY: 'sk-test-fake',
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_MODEL: 'gpt-4o-mini',
    });
  });
  afterAll(async () => {
    await api?.close();
    await fake?.close();
  });

  it('tells the owner that planning failed, and why', async () => {
    fake.otherwise({
      status: 500,
      body: { error: { message: 'upstream exploded', type: 'server_error' } },
    });
    const owner = await api.factory.user([Role.OWNER]);
    const projectId = await fixtures.plannedProject(api, owner, { title: 'Doomed' });
    const { notifications } = await api.gql.ok<{
      notifications: { edges: { node: Notification }[] };
    }>(INBOX, {}, owner.token);
    const failed = notifications.edges.map((e) => e.node);
    expect(failed.map((n) => n.kind)).toEqual(['PLANNING_FAILED']);
    expect(failed[0]).toMatchObject({ projectId, subject: 'Planning failed for "Doomed"' });
    expect(failed[0].body).toMatch(/500|server/i);
  });
});
