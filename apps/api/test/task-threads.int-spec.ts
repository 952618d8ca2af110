import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { DomainEvents } from '@splitwork/database';
import { DomainError, ErrorCode, Role } from '@splitwork/kernel';
import { TaskMessagePosted } from '@splitwork/marketplace';
import { errorCodes } from '@splitwork/test-support';
import { ApiHarness, startApi, TestUser } from './api-harness';
import { countStatements, fundedProject, logIn, qualifiedFreelancer } from './market-fixtures';

jest.setTimeout(300_000);

const OPEN_TASKS = `query($projectId: ID) { openTasks(projectId: $projectId, first: 50) { edges { node { id status skills { skill } } } } }`;
const MESSAGE_FIELDS =
  'id taskId authorId visibility body createdAt editedAt deletedAt revisions { body writtenAt replacedAt }';
const THREAD = `query($taskId: ID!, $first: Int, $after: String, $visibility: TaskMessageVisibility) {
  taskThread(taskId: $taskId, first: $first, after: $after, visibility: $visibility) {
    edges { cursor node { ${MESSAGE_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const POST = `mutation($input: PostTaskMessageInput!) { postTaskMessage(input: $input) { message { ${MESSAGE_FIELDS} } } }`;
const EDIT = `mutation($input: EditTaskMessageInput!) { editTaskMessage(input: $input) { message { ${MESSAGE_FIELDS} } } }`;
const DELETE = `mutation($input: TaskMessageRefInput!) { deleteTaskMessage(input: $input) { message { ${MESSAGE_FIELDS} } } }`;
const CLAIM = `mutation($input: TaskRefInput!) { claimTask(input: $input) { id status } }`;
const RELEASE = `mutation($input: TaskRefInput!) { releaseTaskClaim(input: $input) { id status } }`;
const POSTED_SUB = `subscription($taskId: ID!) { taskMessagePosted(taskId: $taskId) { id taskId authorId visibility body createdAt } }`;

interface Message {
  id: string;
  taskId: string;
  authorId: string;
  visibility: 'PUBLIC' | 'PRIVATE';
  body: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  revisions: { body: string; writtenAt: string; replacedAt: string }[];
}
interface ThreadPage {
  taskThread: {
    edges: { cursor: string; node: Message }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
interface OpenTask {
  id: string;
  status: string;
  skills: { skill: string }[];
}

describe('task threads', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.close());

  /** A funded project with an expert reviewer, and its OPEN tasks as a freelancer finds them. */
  async function market() {
    const project = await fundedProject(api);
    const open = project.tasks.filter((t) => t.status === 'OPEN');
    return { ...project, open };
  }

  /** The OPEN tasks of the project that `freelancer` finds through openTasks. */
  async function findOpenTasks(freelancer: TestUser, projectId: string): Promise<OpenTask[]> {
    const { openTasks } = await api.gql.ok<{ openTasks: { edges: { node: OpenTask }[] } }>(
      OPEN_TASKS,
      { projectId },
      freelancer.token,
    );
    return openTasks.edges.map((e) => e.node);
  }

  async function post(
    user: TestUser,
    taskId: string,
    visibility: 'PUBLIC' | 'PRIVATE',
    body: string,
  ): Promise<Message> {
    const { postTaskMessage } = await api.gql.ok<{ postTaskMessage: { message: Message } }>(
      POST,
      { input: { taskId, visibility, body } },
      user.token,
    );
    return postTaskMessage.message;
  }

  const postRequest = (
    user: TestUser,
    taskId: string,
    visibility: 'PUBLIC' | 'PRIVATE',
    body: string,
  ) => api.gql.request(POST, { input: { taskId, visibility, body } }, user.token);

  async function thread(user: TestUser, taskId: string, extra: Record<string, unknown> = {}) {
    const { taskThread } = await api.gql.ok<ThreadPage>(THREAD, { taskId, ...extra }, user.token);
    return taskThread.edges.map((e) => e.node);
  }

  const threadCodes = async (user: TestUser, taskId: string) =>
    errorCodes(await api.gql.request(THREAD, { taskId }, user.token));

  it('lets freelancers ask publicly before a claim, the owner answer for all, and keeps the private thread to assignee, owner and reviewer', async () => {
    const { owner, reviewer, projectId, open } = await market();
    const asker = await qualifiedFreelancer(api, open);
    const reader = await qualifiedFreelancer(api, open);
    const otherOwner = await api.factory.user([Role.OWNER]);
    const otherReviewer = await api.factory.user([Role.REVIEWER]);
    const admin = await api.factory.admin();

    // The asker finds the task on the market and asks.
    const [task] = await findOpenTasks(asker, projectId);
    const question = await post(asker, task.id, 'PUBLIC', 'Which **browsers** must this support?');
    expect(question).toMatchObject({
      taskId: task.id,
      authorId: asker.id,
      visibility: 'PUBLIC',
      body: 'Which **browsers** must this support?',
      editedAt: null,
      revisions: [],
    });

    // The owner sees the question in the thread and answers for everyone.
    const ownerView = await thread(owner, task.id);
    expect(ownerView.map((m) => m.id)).toEqual([question.id]);
    const answer = await post(owner, task.id, 'PUBLIC', 'The last two versions of each.');

    // A second freelancer who finds the same task reads both, in order.
    expect((await findOpenTasks(reader, projectId)).map((t) => t.id)).toContain(task.id);
    expect((await thread(reader, task.id)).map((m) => [m.authorId, m.body])).toEqual([
      [asker.id, 'Which **browsers** must this support?'],
      [owner.id, 'The last two versions of each.'],
    ]);
    // The project's reviewer may answer too; the thread pages by keyset cursor.
    const expertNote = await post(reviewer, task.id, 'PUBLIC', 'Safari included.');
    const { taskThread: firstPage } = await api.gql.ok<ThreadPage>(
      THREAD,
      { taskId: task.id, first: 2 },
      reader.token,
    );
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    const { taskThread: secondPage } = await api.gql.ok<ThreadPage>(
      THREAD,
      { taskId: task.id, first: 2, after: firstPage.pageInfo.endCursor },
      reader.token,
    );
    expect(secondPage.edges.map((e) => e.node.id)).toEqual([expertNote.id]);
    expect(secondPage.pageInfo.hasNextPage).toBe(false);

    // Outsiders: another owner, a reviewer of other projects. NOT_FOUND, nothing written.
    for (const outsider of [otherOwner, otherReviewer]) {
      expect(await threadCodes(outsider, task.id)).toEqual([ErrorCode.NOT_FOUND]);
      expect(errorCodes(await postRequest(outsider, task.id, 'PUBLIC', 'Hello?'))).toEqual([
        ErrorCode.NOT_FOUND,
      ]);
      expect(
        errorCodes(
          await api.gql.request(
            EDIT,
            { input: { messageId: question.id, body: 'Hijacked' } },
            outsider.token,
          ),
        ),
      ).toEqual([ErrorCode.NOT_FOUND]);
    }
    // No private thread before a claim.
    expect(errorCodes(await postRequest(owner, task.id, 'PRIVATE', 'Too early'))).toEqual([
      ErrorCode.FORBIDDEN,
    ]);

    // The reader claims the task: the private conversation starts.
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, reader.token);
    const secret = await post(reader, task.id, 'PRIVATE', 'Staging credentials, please.');
    expect(secret).toMatchObject({ visibility: 'PRIVATE', authorId: reader.id });
    const reply = await post(owner, task.id, 'PRIVATE', 'Sent by mail: `stage-42`.');
    // The assignee asks privately now, not publicly.
    expect(errorCodes(await postRequest(reader, task.id, 'PUBLIC', 'Anyone?'))).toEqual([
      ErrorCode.FORBIDDEN,
    ]);

    // The reviewer and an admin read the private messages.
    for (const insider of [reviewer, admin, owner]) {
      const ids = (await thread(insider, task.id, { visibility: 'PRIVATE' })).map((m) => m.id);
      expect(ids).toEqual([secret.id, reply.id]);
    }
    // The asker (who wrote publicly) keeps the public Q&A, read-only, never the private messages.
    const askerView = await thread(asker, task.id);
    expect(askerView.map((m) => m.id)).toEqual([question.id, answer.id, expertNote.id]);
    expect(
      errorCodes(await postRequest(asker, task.id, 'PRIVATE', 'Can I see the credentials?')),
    ).toEqual([ErrorCode.FORBIDDEN]);
    expect(errorCodes(await postRequest(asker, task.id, 'PUBLIC', 'Still open?'))).toEqual([
      ErrorCode.FORBIDDEN,
    ]);
    // A freelancer who never wrote in it may not even learn the thread exists now.
    const latecomer = await qualifiedFreelancer(api, open);
    expect(await threadCodes(latecomer, task.id)).toEqual([ErrorCode.NOT_FOUND]);
    // Nothing the refused calls tried was written.
    expect((await thread(admin, task.id)).map((m) => m.id)).toEqual([
      question.id,
      answer.id,
      expertNote.id,
      secret.id,
      reply.id,
    ]);
  });

  it("keeps a released assignee's own private conversation and shows them none of the next assignee's", async () => {
    const { owner, projectId, open } = await market();
    const first = await qualifiedFreelancer(api, open);
    const second = await qualifiedFreelancer(api, open);
    const [task] = await findOpenTasks(first, projectId);

    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, first.token);
    const firstPrivate = await post(first, task.id, 'PRIVATE', 'I will start tomorrow.');
    await api.gql.ok(RELEASE, { input: { taskId: task.id } }, first.token);
    // Released: no more private messages from the former assignee.
    expect(errorCodes(await postRequest(first, task.id, 'PRIVATE', 'One more thing'))).toEqual([
      ErrorCode.FORBIDDEN,
    ]);

    expect((await findOpenTasks(second, projectId)).map((t) => t.id)).toContain(task.id);
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, second.token);
    const secondPrivate = await post(owner, task.id, 'PRIVATE', 'Welcome aboard.');

    expect((await thread(first, task.id)).map((m) => m.id)).toEqual([firstPrivate.id]);
    expect((await thread(second, task.id)).map((m) => m.id)).toEqual([secondPrivate.id]);
    expect((await thread(owner, task.id)).map((m) => m.id)).toEqual([
      firstPrivate.id,
      secondPrivate.id,
    ]);
    // Nor can the former assignee touch a message of the next conversation.
    expect(
      errorCodes(
        await api.gql.request(DELETE, { input: { messageId: secondPrivate.id } }, first.token),
      ),
    ).toEqual([ErrorCode.NOT_FOUND]);
  });

  it('records edits with their history, only by the author within the window, and deletes to a tombstone', async () => {
    const { owner, projectId, open } = await market();
    const author = await qualifiedFreelancer(api, open);
    const [task] = await findOpenTasks(author, projectId);
    const question = await post(author, task.id, 'PUBLIC', 'Is dark mode in scope?');

    const { editTaskMessage } = await api.gql.ok<{ editTaskMessage: { message: Message } }>(
      EDIT,
      { input: { messageId: question.id, body: 'Is dark mode in scope for v1?' } },
      author.token,
    );
    expect(editTaskMessage.message.body).toBe('Is dark mode in scope for v1?');
    expect(editTaskMessage.message.editedAt).not.toBeNull();
    expect(editTaskMessage.message.revisions.map((r) => r.body)).toEqual([
      'Is dark mode in scope?',
    ]);
    // Everyone who reads the message sees that it was edited, and how.
    const [seen] = await thread(owner, task.id);
    expect(seen).toMatchObject({
      body: 'Is dark mode in scope for v1?',
      editedAt: editTaskMessage.message.editedAt,
      revisions: [{ body: 'Is dark mode in scope?', writtenAt: question.createdAt }],
    });

    // Only the author edits.
    expect(
      errorCodes(
        await api.gql.request(
          EDIT,
          { input: { messageId: question.id, body: 'Rewritten by the owner' } },
          owner.token,
        ),
      ),
    ).toEqual([ErrorCode.FORBIDDEN]);
    // The window closes 15 minutes after posting.
    api.clock.advance(20 * 60_000);
    // Access tokens last 15 minutes of clock time: sign in again.
    author.token = await logIn(api, author);
    owner.token = await logIn(api, owner);
    expect(
      errorCodes(
        await api.gql.request(
          EDIT,
          { input: { messageId: question.id, body: 'Too late' } },
          author.token,
        ),
      ),
    ).toEqual([ErrorCode.FORBIDDEN]);
    expect((await thread(owner, task.id))[0].body).toBe('Is dark mode in scope for v1?');

    // The owner may not delete a freelancer's message; an admin (moderation) may.
    const admin = await api.factory.admin();
    expect(
      errorCodes(await api.gql.request(DELETE, { input: { messageId: question.id } }, owner.token)),
    ).toEqual([ErrorCode.FORBIDDEN]);
    const { deleteTaskMessage } = await api.gql.ok<{ deleteTaskMessage: { message: Message } }>(
      DELETE,
      { input: { messageId: question.id } },
      admin.token,
    );
    expect(deleteTaskMessage.message).toMatchObject({ body: null, revisions: [] });
    expect(deleteTaskMessage.message.deletedAt).not.toBeNull();
    const [tombstone] = await thread(author, task.id);
    expect(tombstone).toMatchObject({ id: question.id, body: null, revisions: [] });
  });

  it('refuses empty, overlong and unsafe messages and unknown tasks with typed errors, writing nothing', async () => {
    const { owner, projectId, open } = await market();
    const freelancer = await qualifiedFreelancer(api, open);
    const [task] = await findOpenTasks(freelancer, projectId);

    for (const body of ['', '   \n  ', '\u200B', 'x'.repeat(4001), '[x](javascript:alert(1))']) {
      const res = await postRequest(freelancer, task.id, 'PUBLIC', body);
      expect(errorCodes(res)).toEqual([ErrorCode.BAD_USER_INPUT]);
    }
    // Exactly at the limit is fine.
    await post(freelancer, task.id, 'PUBLIC', 'y'.repeat(4000));
    expect(
      errorCodes(
        await postRequest(freelancer, '00000000-0000-4000-8000-000000000000', 'PUBLIC', 'Hi'),
      ),
    ).toEqual([ErrorCode.NOT_FOUND]);
    expect((await thread(owner, task.id)).map((m) => m.body?.length)).toEqual([4000]);
  });

  it('rate-limits each user: RATE_LIMITED with retryAfterSeconds, then allowed again after the window', async () => {
    const { owner, projectId, open } = await market();
    const chatty = await qualifiedFreelancer(api, open);
    const calm = await qualifiedFreelancer(api, open);
    const [task] = await findOpenTasks(chatty, projectId);

    for (let i = 1; i <= 10; i++) await post(chatty, task.id, 'PUBLIC', `Question ${i}`);
    const refused = await postRequest(chatty, task.id, 'PUBLIC', 'Question 11');
    expect(errorCodes(refused)).toEqual([ErrorCode.RATE_LIMITED]);
    expect(refused.errors?.[0].extensions?.retryAfterSeconds).toEqual(expect.any(Number));
    // Another user is not slowed down by it.
    await post(calm, task.id, 'PUBLIC', 'A calm question');
    expect(await thread(owner, task.id)).toHaveLength(11);

    api.clock.advance(61_000);
    await post(chatty, task.id, 'PUBLIC', 'Question 11, again');
  });

  /** A live graphql-ws subscription: what it received, and the error codes of its subscribe step. */
  function subscribe(user: TestUser, taskId: string) {
    const client = createClient({
      url: api.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${user.token}` },
    });
    const received: Message[] = [];
    const errors: string[] = [];
    client.subscribe(
      { query: POSTED_SUB, variables: { taskId } },
      {
        next: (result) => {
          if (result.errors)
            errors.push(
              ...result.errors.map((e) => (e.extensions?.code as string | undefined) ?? 'no code'),
            );
          if (result.data)
            received.push((result.data as { taskMessagePosted: Message }).taskMessagePosted);
        },
        error: (err: unknown) =>
          errors.push(
            ...(Array.isArray(err)
              ? (err as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code ?? '')
              : ['CONNECTION']),
          ),
        complete: () => undefined,
      },
    );
    return { received, errors, dispose: () => client.dispose() };
  }
  const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));

  it('delivers new messages live to the participants who may read them, and nothing to outsiders', async () => {
    const { owner, reviewer, projectId, open } = await market();
    const asker = await qualifiedFreelancer(api, open);
    const assignee = await qualifiedFreelancer(api, open);
    const otherOwner = await api.factory.user([Role.OWNER]);
    const [task] = await findOpenTasks(asker, projectId);
    await post(asker, task.id, 'PUBLIC', 'Is there a design file?');
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, assignee.token);

    const subs = {
      owner: subscribe(owner, task.id),
      reviewer: subscribe(reviewer, task.id),
      assignee: subscribe(assignee, task.id),
      asker: subscribe(asker, task.id),
      outsider: subscribe(otherOwner, task.id),
    };
    await settle();
    try {
      expect(subs.outsider.errors).toEqual([ErrorCode.NOT_FOUND]);
      const secret = await post(assignee, task.id, 'PRIVATE', 'Where is the API key?');
      const answer = await post(owner, task.id, 'PUBLIC', 'Yes: see the Figma link.');
      await settle();

      for (const who of ['owner', 'reviewer', 'assignee'] as const) {
        expect(subs[who].errors).toEqual([]);
        expect(subs[who].received.map((m) => [m.id, m.visibility, m.body])).toEqual([
          [secret.id, 'PRIVATE', 'Where is the API key?'],
          [answer.id, 'PUBLIC', 'Yes: see the Figma link.'],
        ]);
      }
      // The asker follows the public Q&A only.
      expect(subs.asker.received.map((m) => m.id)).toEqual([answer.id]);
      expect(subs.outsider.received).toEqual([]);
    } finally {
      for (const sub of Object.values(subs)) await sub.dispose();
    }
  });

  it('raises TaskMessagePosted inside the posting transaction: a failing step writes and announces nothing', async () => {
    const { owner, projectId, open } = await market();
    const assignee = await qualifiedFreelancer(api, open);
    const [task] = await findOpenTasks(assignee, projectId);
    await api.gql.ok(CLAIM, { input: { taskId: task.id } }, assignee.token);
    const raised: TaskMessagePosted[] = [];
    api.app.get(DomainEvents).on(TaskMessagePosted, async (event) => {
      if (event.taskId !== task.id) return;
      raised.push(event);
      if (event.message.body === 'Roll me back')
        throw DomainError.conflict('rolled back on purpose');
    });
    const live = subscribe(owner, task.id);
    await settle();
    try {
      const kept = await post(assignee, task.id, 'PRIVATE', 'Kept');
      expect(raised).toHaveLength(1);
      expect(raised[0]).toMatchObject({
        taskId: task.id,
        projectId,
        authorId: assignee.id,
        visibility: 'PRIVATE',
        assigneeId: assignee.id,
        ownerId: owner.id,
        message: { id: kept.id, body: 'Kept' },
      });

      const refused = await postRequest(assignee, task.id, 'PRIVATE', 'Roll me back');
      expect(errorCodes(refused)).toEqual([ErrorCode.CONFLICT]);
      expect(raised).toHaveLength(2);
      await settle();
      expect((await thread(owner, task.id)).map((m) => m.body)).toEqual(['Kept']);
      expect(live.received.map((m) => m.body)).toEqual(['Kept']);
    } finally {
      await live.dispose();
    }
  });

  it('reads a page of the thread, revisions included, in the same number of statements whatever its size', async () => {
    const { owner, projectId, open } = await market();
    const freelancer = await qualifiedFreelancer(api, open);
    const [task] = await findOpenTasks(freelancer, projectId);
    const statementsFor = async (first: number) =>
      (
        await countStatements(api, () =>
          api.gql.ok(THREAD, { taskId: task.id, first }, owner.token),
        )
      ).length;
    for (let i = 0; i < 6; i++) {
      const m = await post(freelancer, task.id, 'PUBLIC', `Question ${i}`);
      await api.gql.ok(
        EDIT,
        { input: { messageId: m.id, body: `Question ${i}, edited` } },
        freelancer.token,
      );
      if (i === 1) api.clock.advance(61_000); // stay under the per-minute limit
    }
    const small = await statementsFor(1);
    expect(await statementsFor(6)).toBe(small);
  });
});
