import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { Authenticated, CurrentViewer, Viewer } from '@splitwork/api-kit';
import { Role } from '@splitwork/kernel';
import { MarketTaskModel } from './dto/market-task.model';
import { TaskStatusChangeModel } from './dto/task-event.models';
import { TaskEventsService } from './task-events.service';

/** Real-time task events over graphql-ws, authorized at subscribe time and per event. */
@Resolver()
export class TaskEventsResolver {
  constructor(private readonly events: TaskEventsService) {}

  @Authenticated()
  @Subscription(() => TaskStatusChangeModel, {
    description:
      "Status changes of tasks the caller may follow: as the project's owner or reviewer, the task's assignee, or an admin; optionally of one project.",
    // Through Redis the event arrives as JSON: its time is a string again.
    resolve: (payload: { taskStatusChanged: TaskStatusChangeModel }) => ({
      ...payload.taskStatusChanged,
      at: new Date(payload.taskStatusChanged.at),
    }),
  })
  taskStatusChanged(
    @Args('projectId', { type: () => ID, nullable: true }) projectId: string | null,
    @CurrentViewer() viewer: Viewer,
  ): Promise<AsyncIterableIterator<unknown>> {
    return this.events.statusChanges(viewer, projectId ?? null);
  }

  @Authenticated(Role.FREELANCER)
  @Subscription(() => MarketTaskModel, {
    description:
      "Each task that opens for claims whose skills the caller's profile covers and whose talent pool admits the caller.",
  })
  openTaskMatched(@CurrentViewer() viewer: Viewer): Promise<AsyncIterableIterator<unknown>> {
    return this.events.openedTasks(viewer);
  }
}
