import { Injectable } from '@nestjs/common';
import { Viewer } from '@splitwork/api-kit';
import { UserRepository } from '@splitwork/identity';
import { Role } from '@splitwork/kernel';
import { TaskRepository } from './task.repository';

/**
 * Who may read the work of a task (its submissions and reviews): the people
 * in it, which is the project's owner, the freelancer holding it or who
 * submitted to it, the project's expert reviewers, whoever reviewed it, a
 * reviewer the review queue offers it to while it waits there, and admins.
 * Everyone else is told the task does not exist (NOT_FOUND), so that the
 * existence of someone's work does not leak.
 *
 * Roles are read from the database as the review queue does: a REVIEWER or
 * ADMIN role taken away does not ride on an older access token.
 */
@Injectable()
export class WorkVisibilityService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly users: UserRepository,
  ) {}

  /** Of `taskIds`, those whose work the viewer may read (two statements for any number of tasks). */
  async visibleTaskIds(viewer: Viewer, taskIds: readonly string[]): Promise<Set<string>> {
    const user = await this.users.findById(viewer.id);
    if (!user) return new Set();
    if (user.roles.includes(Role.ADMIN)) {
      return new Set((await this.tasks.findByIds(taskIds)).map((t) => t.id));
    }
    return this.tasks.workVisibleIds(viewer.id, taskIds, user.roles.includes(Role.REVIEWER));
  }
}
