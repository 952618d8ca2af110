import {
  Args,
  Context,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
  Subscription,
} from '@nestjs/graphql';
import { Authenticated, CurrentViewer, GqlContext, groupByKeys, Viewer } from '@splitwork/api-kit';
import { DeleteTaskMessagePayload } from './dto/delete-task-message.payload';
import { EditTaskMessageInput } from './dto/edit-task-message.input';
import { EditTaskMessagePayload } from './dto/edit-task-message.payload';
import { PostTaskMessageInput } from './dto/post-task-message.input';
import { PostTaskMessagePayload } from './dto/post-task-message.payload';
import { TaskMessageConnection } from './dto/task-message-connection.model';
import { TaskMessageRefInput } from './dto/task-message-ref.input';
import { TaskMessageRevisionModel } from './dto/task-message-revision.model';
import { TaskMessageModel } from './dto/task-message.model';
import { TaskThreadArgs } from './dto/task-thread.args';
import { TaskThreadEventsService } from './task-thread-events.service';
import { TaskThreadService } from './task-thread.service';

/** A task's message thread: public Q&A before a claim, a private conversation after. */
@Resolver(() => TaskMessageModel)
export class TaskThreadResolver {
  constructor(
    private readonly threads: TaskThreadService,
    private readonly events: TaskThreadEventsService,
  ) {}

  @Authenticated()
  @Query(() => TaskMessageConnection, {
    description:
      "The messages of a task's thread the caller may read, oldest first: PUBLIC for whoever may see the task on the market and its project's people, PRIVATE for the assignee of that assignment, the owner, the project's reviewers and admins.",
  })
  taskThread(@Args() args: TaskThreadArgs, @CurrentViewer() viewer: Viewer) {
    return this.threads.thread(
      viewer,
      args.taskId,
      { first: args.first, after: args.after, visibility: args.visibility ?? null },
      (m) => TaskMessageModel.from(m),
    );
  }

  @Authenticated()
  @Mutation(() => PostTaskMessagePayload, {
    description:
      'Posts a Markdown message: PUBLIC (a question by a freelancer who could claim the task, an answer by its owner, reviewer or an admin) or PRIVATE (once claimed, between assignee, owner, reviewers and admins).',
  })
  async postTaskMessage(
    @Args('input') input: PostTaskMessageInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<PostTaskMessagePayload> {
    const message = await this.threads.post(viewer, input.taskId, input.visibility, input.body);
    return { message: TaskMessageModel.from(message) };
  }

  @Authenticated()
  @Mutation(() => EditTaskMessagePayload, {
    description:
      'Rewrites your own message within TASK_MESSAGE_EDIT_WINDOW_MINUTES of posting; the earlier text stays in its revisions.',
  })
  async editTaskMessage(
    @Args('input') input: EditTaskMessageInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<EditTaskMessagePayload> {
    return {
      message: TaskMessageModel.from(await this.threads.edit(viewer, input.messageId, input.body)),
    };
  }

  @Authenticated()
  @Mutation(() => DeleteTaskMessagePayload, {
    description:
      'Deletes a message (its author at any time, or an admin): it stays as a tombstone without text or revisions.',
  })
  async deleteTaskMessage(
    @Args('input') input: TaskMessageRefInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<DeleteTaskMessagePayload> {
    return {
      message: TaskMessageModel.from(await this.threads.delete(viewer, input.messageId)),
    };
  }

  @Authenticated()
  @Subscription(() => TaskMessageModel, {
    description:
      "New messages of a task's thread that the caller may read (the same rules as taskThread).",
    // Through Redis the message arrives as JSON: its times are strings again.
    resolve: (payload: { taskMessagePosted: TaskMessageModel }) => {
      const m = payload.taskMessagePosted;
      return Object.assign(new TaskMessageModel(), m, {
        createdAt: new Date(m.createdAt),
        editedAt: m.editedAt ? new Date(m.editedAt) : null,
        deletedAt: m.deletedAt ? new Date(m.deletedAt) : null,
      });
    },
  })
  taskMessagePosted(
    @Args('taskId', { type: () => ID }) taskId: string,
    @CurrentViewer() viewer: Viewer,
  ): Promise<AsyncIterableIterator<unknown>> {
    return this.events.posted(viewer, taskId);
  }

  @ResolveField(() => [TaskMessageRevisionModel], {
    description: 'Earlier versions of an edited message, oldest first.',
  })
  revisions(
    @Parent() message: TaskMessageModel,
    @Context() ctx: GqlContext,
  ): Promise<TaskMessageRevisionModel[]> {
    const loader = ctx.loaders.get<string, TaskMessageRevisionModel[]>(
      'taskMessages.revisions',
      async (ids) =>
        groupByKeys(ids, await this.threads.revisionsOf(ids), (r) => r.messageId).map((list) =>
          list.map((r) => TaskMessageRevisionModel.from(r)),
        ),
    );
    return loader.load(message.id);
  }
}
