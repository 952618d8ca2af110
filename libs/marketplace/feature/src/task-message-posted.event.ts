import type { ThreadVisibility } from '@splitwork/marketplace-core';
import type { TaskMessageEntity } from './task-message.entity';

/**
 * A message was posted in a task's thread; raised inside the posting
 * transaction. `assigneeId` names the private conversation (null for PUBLIC);
 * `ownerId` and `reviewerIds` are the project's people at posting time.
 */
export class TaskMessagePosted {
  constructor(
    readonly message: TaskMessageEntity,
    readonly taskId: string,
    readonly projectId: string,
    readonly authorId: string,
    readonly visibility: ThreadVisibility,
    readonly assigneeId: string | null,
    readonly ownerId: string,
    readonly reviewerIds: readonly string[],
    /** The author posted as an admin (a public message by an admin is an answer). */
    readonly authorIsAdmin: boolean,
  ) {}
}
