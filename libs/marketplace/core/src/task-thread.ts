import { DomainError } from '@splitwork/kernel';
import { TaskState, taskAssignee } from './task-state';

/**
 * A task's message thread, as task marketplaces (Upwork job Q&A, Topcoder
 * challenge forums) run it:
 *
 * - PUBLIC: questions and answers about the task while it is on the market.
 *   Freelancers who could claim it (FREELANCER role, admitted by the
 *   project's talent pool, the task OPEN or offered to them) read and ask;
 *   the owner, the project's reviewers and admins read and answer for all.
 *   The current assignee and anyone who once wrote in the thread keep
 *   reading it (read-only) after the task leaves the market.
 * - PRIVATE: once the task is assigned, a conversation between the assignee,
 *   the owner, the project's reviewers and admins. Each private message
 *   belongs to the assignment it was written in (`assigneeId`): after a
 *   release (or an expired claim) the former assignee keeps reading their
 *   own conversation, read-only, and never sees the next assignee's.
 * - A cancelled task's thread is read-only.
 *
 * Anyone else may not learn the thread (or the task) exists: NOT_FOUND.
 */
export type ThreadVisibility = 'PUBLIC' | 'PRIVATE';

export const THREAD_VISIBILITIES: readonly ThreadVisibility[] = ['PUBLIC', 'PRIVATE'];

export interface ThreadViewer {
  readonly id: string;
  readonly admin: boolean;
  /** Holds the FREELANCER role: may ask about tasks on the market. */
  readonly freelancer: boolean;
}

/** What the service loads about one task and one viewer. */
export interface ThreadTaskFacts {
  readonly state: TaskState;
  readonly ownerId: string;
  readonly reviewerIds: readonly string[];
  /** The project's talent pool admits the viewer. */
  readonly viewerInPool: boolean;
  /** The viewer wrote in this thread, or had a private conversation on it. */
  readonly viewerParticipated: boolean;
}

export interface ThreadAccess {
  readonly readPublic: boolean;
  readonly postPublic: boolean;
  /** ALL (project staff), OWN (only the viewer's own assignment's messages), NONE. */
  readonly readPrivate: 'ALL' | 'OWN' | 'NONE';
  /** The assignee whose private conversation the viewer may write into now, or null. */
  readonly postPrivateTo: string | null;
}

const NO_ACCESS: ThreadAccess = {
  readPublic: false,
  postPublic: false,
  readPrivate: 'NONE',
  postPrivateTo: null,
};

/** What `viewer` may read and write in the task's thread. */
export function threadAccess(viewer: ThreadViewer, task: ThreadTaskFacts): ThreadAccess {
  const open = task.state.status !== 'CANCELLED';
  const assignee = taskAssignee(task.state);
  if (viewer.admin || viewer.id === task.ownerId || task.reviewerIds.includes(viewer.id)) {
    return {
      readPublic: true,
      postPublic: open,
      readPrivate: 'ALL',
      postPrivateTo: open ? assignee : null,
    };
  }
  if (assignee === viewer.id) {
    return {
      readPublic: true,
      postPublic: false,
      readPrivate: 'OWN',
      postPrivateTo: open ? assignee : null,
    };
  }
  const onMarket =
    viewer.freelancer &&
    task.viewerInPool &&
    (task.state.status === 'OPEN' ||
      (task.state.status === 'OFFERED' && task.state.offeredTo === viewer.id));
  if (onMarket || task.viewerParticipated) {
    return {
      readPublic: true,
      postPublic: onMarket,
      readPrivate: task.viewerParticipated ? 'OWN' : 'NONE',
      postPrivateTo: null,
    };
  }
  return NO_ACCESS;
}

/** Whether the viewer may learn the thread exists at all. */
export function canSeeThread(access: ThreadAccess): boolean {
  return access.readPublic || access.readPrivate !== 'NONE';
}

export interface ThreadMessageFacts {
  readonly visibility: ThreadVisibility;
  /** For a PRIVATE message: the assignee of the conversation it belongs to. */
  readonly assigneeId: string | null;
}

/** Whether a message is one the viewer may read. */
export function mayReadMessage(
  viewerId: string,
  access: ThreadAccess,
  message: ThreadMessageFacts,
): boolean {
  if (message.visibility === 'PUBLIC') return access.readPublic;
  return (
    access.readPrivate === 'ALL' ||
    (access.readPrivate === 'OWN' && message.assigneeId === viewerId)
  );
}

/**
 * The conversation a new message joins: null for PUBLIC, the current
 * assignee for PRIVATE. FORBIDDEN when the viewer may see the thread but not
 * write this visibility now (the caller refuses outsiders with NOT_FOUND first).
 */
export function assertMayPost(
  access: ThreadAccess,
  visibility: ThreadVisibility,
  state: TaskState,
): { assigneeId: string | null } {
  if (state.status === 'CANCELLED') {
    throw DomainError.invalidTransition('CANCELLED', 'post in the thread of a cancelled task');
  }
  if (visibility === 'PUBLIC') {
    if (!access.postPublic) {
      throw DomainError.forbidden(
        'Public questions are for freelancers who could claim the task, and for its owner and reviewers',
      );
    }
    return { assigneeId: null };
  }
  if (access.postPrivateTo === null) {
    throw DomainError.forbidden(
      taskAssignee(state) === null
        ? 'The private thread starts when the task is claimed'
        : "Only the task's assignee, owner, reviewers and admins write in its private thread",
    );
  }
  return { assigneeId: access.postPrivateTo };
}

export interface MessageLimits {
  /** Most characters (Unicode code points) of a message body. */
  readonly maxLength: number;
}

/** Anything that is neither white space nor an invisible format character. */
const VISIBLE = /[^\s\u180E\u200B-\u200D\u2060\uFEFF]/u;
/**
 * Markdown link and image targets and autolinks with a scheme a browser would
 * run or inline: `[x](javascript:...)`, `![x](data:...)`, `<vbscript:...>`.
 */
const UNSAFE_LINK =
  /(?:\]\(\s*<?|^\s*\[[^\]]*\]:\s*<?|<)\s*(?:javascript|vbscript|data|file)\s*:/imu;

/**
 * A message body as it is stored: Markdown source, trimmed. BAD_USER_INPUT
 * (field `body`) when it is blank, longer than the limit, or links to a
 * script or inline-data URL. Rendering is the client's business: it renders
 * the Markdown with raw HTML disabled.
 */
export function checkMessageBody(body: string, limits: MessageLimits): string {
  const text = body.trim();
  if (!VISIBLE.test(text)) throw DomainError.badInput('body must not be blank', { field: 'body' });
  const length = [...text].length;
  if (length > limits.maxLength) {
    throw DomainError.badInput(`body must be at most ${limits.maxLength} characters`, {
      field: 'body',
      maxLength: limits.maxLength,
      length,
    });
  }
  if (UNSAFE_LINK.test(text)) {
    throw DomainError.badInput(
      'body must not link to javascript:, vbscript:, data: or file: URLs',
      {
        field: 'body',
      },
    );
  }
  return text;
}

export interface EditableMessage {
  readonly authorId: string;
  readonly createdAt: Date;
  readonly deletedAt: Date | null;
}

/**
 * Only the author edits, within `windowMs` of posting, and not once the
 * message was deleted. FORBIDDEN otherwise (the viewer can read the message).
 */
export function assertMayEdit(
  viewerId: string,
  message: EditableMessage,
  now: Date,
  windowMs: number,
): void {
  if (message.authorId !== viewerId) throw DomainError.forbidden('Only the author edits a message');
  if (message.deletedAt !== null) {
    throw DomainError.invalidTransition('DELETED', 'edit a deleted message');
  }
  if (now.getTime() - message.createdAt.getTime() > windowMs) {
    throw DomainError.forbidden(
      `A message can be edited only within ${Math.round(windowMs / 60_000)} minutes of posting`,
    );
  }
}

/**
 * The author deletes their own message at any time; an admin removes any
 * (moderation). The message stays in the thread as a tombstone without its
 * text, and its earlier versions are removed with it.
 */
export function assertMayDelete(
  viewer: Pick<ThreadViewer, 'id' | 'admin'>,
  message: EditableMessage,
): void {
  if (message.deletedAt !== null) {
    throw DomainError.invalidTransition('DELETED', 'delete a deleted message');
  }
  if (!viewer.admin && message.authorId !== viewer.id) {
    throw DomainError.forbidden('Only the author or an admin deletes a message');
  }
}

/** A posted message, as the rule of who hears of it needs it. */
export interface PostedMessageFacts {
  readonly authorId: string;
  /** An admin answers publicly like the owner or a project reviewer. */
  readonly authorIsAdmin: boolean;
  readonly visibility: ThreadVisibility;
  /** PRIVATE: the assignee of the conversation. */
  readonly assigneeId: string | null;
  readonly ownerId: string;
  readonly reviewerIds: readonly string[];
  /** PUBLIC: the authors of the thread's earlier public messages. */
  readonly earlierPublicPosters: readonly string[];
}

/**
 * Who is told of a new thread message (never its author, each once):
 * - PRIVATE: the conversation's people: the owner, the project's reviewers and the assignee;
 * - PUBLIC question (by someone who is not the owner or a project reviewer):
 *   the owner and the project's reviewers, who can answer;
 * - PUBLIC answer (by the owner, a project reviewer or an admin): everyone
 *   who posted in the public thread before.
 */
export function threadMessageRecipients(posted: PostedMessageFacts): string[] {
  const answerers = [posted.ownerId, ...posted.reviewerIds];
  let candidates: readonly string[];
  if (posted.visibility === 'PRIVATE') {
    candidates = [...answerers, ...(posted.assigneeId ? [posted.assigneeId] : [])];
  } else if (posted.authorIsAdmin || answerers.includes(posted.authorId)) {
    candidates = posted.earlierPublicPosters;
  } else {
    candidates = answerers;
  }
  return [...new Set(candidates)].filter((id) => id !== posted.authorId);
}
