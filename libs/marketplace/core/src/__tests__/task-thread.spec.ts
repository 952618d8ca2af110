import { ErrorCode } from '@splitwork/kernel';
import {
  assertMayDelete,
  assertMayEdit,
  assertMayPost,
  canSeeThread,
  checkMessageBody,
  mayReadMessage,
  ThreadTaskFacts,
  threadAccess,
} from '../task-thread';
import type { TaskState } from '../task-state';

const at = new Date('2026-01-01T00:00:00Z');
const OPEN: TaskState = { status: 'OPEN', lastRejection: null };
const claimedBy = (assigneeId: string): TaskState => ({
  status: 'CLAIMED',
  assigneeId,
  claimedAt: at,
  claimDeadline: at,
  revision: 1,
});
const facts = (state: TaskState, more: Partial<ThreadTaskFacts> = {}): ThreadTaskFacts => ({
  state,
  ownerId: 'owner',
  reviewerIds: ['rev'],
  viewerInPool: true,
  viewerParticipated: false,
  ...more,
});
const freelancer = (id: string) => ({ id, admin: false, freelancer: true });
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('threadAccess', () => {
  it('lets a freelancer admitted by the pool read and ask publicly while the task is OPEN', () => {
    const access = threadAccess(freelancer('f1'), facts(OPEN));
    expect(access).toEqual({
      readPublic: true,
      postPublic: true,
      readPrivate: 'NONE',
      postPrivateTo: null,
    });
  });

  it('hides the thread from a freelancer outside the private pool, and from non-freelancers', () => {
    expect(canSeeThread(threadAccess(freelancer('f1'), facts(OPEN, { viewerInPool: false })))).toBe(
      false,
    );
    expect(
      canSeeThread(threadAccess({ id: 'o2', admin: false, freelancer: false }, facts(OPEN))),
    ).toBe(false);
  });

  it('lets the owner, the project reviewer and admins answer publicly and read every private message', () => {
    for (const viewer of [
      { id: 'owner', admin: false, freelancer: false },
      { id: 'rev', admin: false, freelancer: false },
      { id: 'someone', admin: true, freelancer: false },
    ]) {
      const access = threadAccess(viewer, facts(claimedBy('f1')));
      expect(access).toEqual({
        readPublic: true,
        postPublic: true,
        readPrivate: 'ALL',
        postPrivateTo: 'f1',
      });
    }
  });

  it('gives the assignee the private conversation of their assignment, no new public questions', () => {
    expect(threadAccess(freelancer('f1'), facts(claimedBy('f1')))).toEqual({
      readPublic: true,
      postPublic: false,
      readPrivate: 'OWN',
      postPrivateTo: 'f1',
    });
  });

  it('shuts a freelancer who never wrote in the thread out once someone else claims the task', () => {
    expect(canSeeThread(threadAccess(freelancer('f2'), facts(claimedBy('f1'))))).toBe(false);
  });

  it('leaves a former participant (asker, released assignee) read-only access to the public thread and their own private messages', () => {
    const access = threadAccess(
      freelancer('f2'),
      facts(claimedBy('f1'), { viewerParticipated: true }),
    );
    expect(access).toEqual({
      readPublic: true,
      postPublic: false,
      readPrivate: 'OWN',
      postPrivateTo: null,
    });
    expect(mayReadMessage('f2', access, { visibility: 'PRIVATE', assigneeId: 'f2' })).toBe(true);
    expect(mayReadMessage('f2', access, { visibility: 'PRIVATE', assigneeId: 'f1' })).toBe(false);
  });

  it('lets only the invitee of an offer ask about an offered task', () => {
    const offered: TaskState = {
      status: 'OFFERED',
      offeredTo: 'f1',
      offeredAt: at,
      offerExpiresAt: at,
      lastRejection: null,
    };
    expect(threadAccess(freelancer('f1'), facts(offered)).postPublic).toBe(true);
    expect(canSeeThread(threadAccess(freelancer('f2'), facts(offered)))).toBe(false);
  });

  it('makes a cancelled task read-only for everyone', () => {
    const cancelled: TaskState = { status: 'CANCELLED', cancelledAt: at, cancelledFrom: 'OPEN' };
    const access = threadAccess({ id: 'owner', admin: false, freelancer: false }, facts(cancelled));
    expect(access.readPublic).toBe(true);
    expect(access.postPublic).toBe(false);
    expect(codeOf(() => assertMayPost(access, 'PUBLIC', cancelled))).toBe(
      ErrorCode.INVALID_TRANSITION,
    );
  });
});

describe('mayReadMessage', () => {
  it('keeps private messages from a market freelancer', () => {
    const access = threadAccess(freelancer('f1'), facts(OPEN));
    expect(mayReadMessage('f1', access, { visibility: 'PUBLIC', assigneeId: null })).toBe(true);
    expect(mayReadMessage('f1', access, { visibility: 'PRIVATE', assigneeId: 'f9' })).toBe(false);
  });
});

describe('assertMayPost', () => {
  it('joins a private message to the current assignment', () => {
    const state = claimedBy('f1');
    const access = threadAccess({ id: 'owner', admin: false, freelancer: false }, facts(state));
    expect(assertMayPost(access, 'PRIVATE', state)).toEqual({ assigneeId: 'f1' });
    expect(assertMayPost(access, 'PUBLIC', state)).toEqual({ assigneeId: null });
  });

  it('refuses a private message before anyone claimed the task', () => {
    const access = threadAccess({ id: 'owner', admin: false, freelancer: false }, facts(OPEN));
    expect(codeOf(() => assertMayPost(access, 'PRIVATE', OPEN))).toBe(ErrorCode.FORBIDDEN);
  });

  it('refuses a public question from the assignee', () => {
    const state = claimedBy('f1');
    const access = threadAccess(freelancer('f1'), facts(state));
    expect(codeOf(() => assertMayPost(access, 'PUBLIC', state))).toBe(ErrorCode.FORBIDDEN);
  });
});

describe('checkMessageBody', () => {
  const limits = { maxLength: 10 };

  it('trims and keeps Markdown', () => {
    expect(checkMessageBody('  **hi** \n', limits)).toBe('**hi**');
  });

  it('refuses blank and invisible-only bodies', () => {
    expect(codeOf(() => checkMessageBody(' \n\t', limits))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(codeOf(() => checkMessageBody('\u200B\u200B', limits))).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it('counts characters, not UTF-16 units, against the limit', () => {
    expect(checkMessageBody('😀'.repeat(10), limits)).toBe('😀'.repeat(10));
    expect(codeOf(() => checkMessageBody('x'.repeat(11), limits))).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it('refuses links to script and inline-data URLs', () => {
    const big = { maxLength: 1000 };
    for (const body of [
      '[click](javascript:alert(1))',
      '![x]( data:image/png;base64,AAA)',
      '<vbscript:msgbox>',
      '[ref]: JavaScript:alert(1)',
    ]) {
      expect(codeOf(() => checkMessageBody(body, big))).toBe(ErrorCode.BAD_USER_INPUT);
    }
    expect(checkMessageBody('[docs](https://example.com) and `a <b>`', big)).toContain('docs');
  });
});

describe('assertMayEdit and assertMayDelete', () => {
  const message = { authorId: 'f1', createdAt: at, deletedAt: null };
  const window = 15 * 60_000;

  it('lets the author edit within the window only', () => {
    expect(() =>
      assertMayEdit('f1', message, new Date(at.getTime() + window), window),
    ).not.toThrow();
    expect(
      codeOf(() => assertMayEdit('f1', message, new Date(at.getTime() + window + 1), window)),
    ).toBe(ErrorCode.FORBIDDEN);
  });

  it('refuses edits by anyone else and of deleted messages', () => {
    expect(codeOf(() => assertMayEdit('owner', message, at, window))).toBe(ErrorCode.FORBIDDEN);
    expect(codeOf(() => assertMayEdit('f1', { ...message, deletedAt: at }, at, window))).toBe(
      ErrorCode.INVALID_TRANSITION,
    );
  });

  it('lets the author or an admin delete, once', () => {
    expect(() => assertMayDelete({ id: 'f1', admin: false }, message)).not.toThrow();
    expect(() => assertMayDelete({ id: 'mod', admin: true }, message)).not.toThrow();
    expect(codeOf(() => assertMayDelete({ id: 'owner', admin: false }, message))).toBe(
      ErrorCode.FORBIDDEN,
    );
    expect(
      codeOf(() => assertMayDelete({ id: 'f1', admin: false }, { ...message, deletedAt: at })),
    ).toBe(ErrorCode.INVALID_TRANSITION);
  });
});
