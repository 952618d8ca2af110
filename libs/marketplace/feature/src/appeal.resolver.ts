import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Authenticated,
  ConnectionArgs,
  byKeys,
  CurrentViewer,
  GqlContext,
  keysetConnection,
  Viewer,
} from '@splitwork/api-kit';
import { DomainError, Role } from '@splitwork/kernel';
import { AppealEntity } from './appeal.entity';
import { AppealService } from './appeal.service';
import { AppealConnection } from './dto/appeal-connection.model';
import { AppealModel } from './dto/appeal.model';
import { AppealRejectionInput } from './dto/appeal-rejection.input';
import { ResolveAppealInput } from './dto/resolve-appeal.input';
import { ResolveAppealPayload } from './dto/resolve-appeal.payload';
import { MarketTaskModel } from './dto/market-task.model';
import { ReviewModel } from './dto/review.model';
import { SubmissionModel } from './dto/submission.model';
import { ReviewRepository } from './review.repository';
import { TaskRepository } from './task.repository';
import { requireWork, reviewsLoader, submissionsLoader } from './task-work.loaders';
import { WorkVisibilityService } from './work-visibility.service';

@Resolver(() => AppealModel)
export class AppealResolver {
  constructor(
    private readonly appeals: AppealService,
    private readonly visibility: WorkVisibilityService,
    private readonly reviews: ReviewRepository,
    private readonly tasks: TaskRepository,
  ) {}

  @Authenticated(Role.FREELANCER)
  @Mutation(() => AppealModel, {
    description: 'Appeals the rejection of your submission of a task; once per rejection.',
  })
  async appealRejection(
    @Args('input') input: AppealRejectionInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<AppealModel> {
    return AppealModel.from(await this.appeals.appeal(viewer, input.taskId, input.reason));
  }

  @Authenticated(Role.ADMIN)
  @Query(() => AppealConnection, { description: 'Appeals waiting for a decision, oldest first.' })
  openAppeals(@Args() args: ConnectionArgs): Promise<AppealConnection> {
    return keysetConnection(
      this.appeals.openQuery(),
      {
        alias: 'a',
        sortColumn: 'created_at',
        direction: 'ASC',
        first: args.first,
        after: args.after,
        sortValueOf: (a: AppealEntity) => a.createdAt.toISOString(),
      },
      (a) => AppealModel.from(a),
    );
  }

  @Authenticated(Role.ADMIN)
  @Mutation(() => ResolveAppealPayload, {
    description:
      'Decides an appeal. Overturn approves and pays the rejected submission while nobody else claimed the task; after that it is recorded as OVERTURNED_UNPAID.',
  })
  async resolveAppeal(
    @Args('input') input: ResolveAppealInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ResolveAppealPayload> {
    const { appeal, task } = await this.appeals.resolve(
      viewer,
      input.appealId,
      input.overturn,
      input.note ?? null,
    );
    return { appeal: AppealModel.from(appeal), task: MarketTaskModel.from(task) };
  }

  // The evidence, side by side with the appeal's reason: the task as judged, the rejected
  // submission and the rejection. An appeal is read by admins and by its freelancer, who are
  // both in the task's work; the check is the same as task.submissions and task.reviews.

  @ResolveField(() => MarketTaskModel, { description: 'The task, with its acceptance criteria.' })
  async task(@Parent() appeal: AppealModel, @Context() ctx: GqlContext): Promise<MarketTaskModel> {
    await requireWork(this.visibility, ctx, ctx.viewer, appeal.taskId);
    const loader = ctx.loaders.get<string, MarketTaskModel | null>('appealTask.byId', async (ids) =>
      byKeys(
        ids,
        (await this.tasks.findByIds(ids)).map((t) => MarketTaskModel.from(t)),
        (t) => t.id,
      ),
    );
    const task = await loader.load(appeal.taskId);
    if (!task) throw DomainError.notFound('Task', appeal.taskId);
    return task;
  }

  @ResolveField(() => SubmissionModel, {
    nullable: true,
    description: 'The rejected submission (links, notes, hours, time).',
  })
  async submission(
    @Parent() appeal: AppealModel,
    @Context() ctx: GqlContext,
  ): Promise<SubmissionModel | null> {
    await requireWork(this.visibility, ctx, ctx.viewer, appeal.taskId);
    const all = await submissionsLoader(ctx, this.reviews).load(appeal.taskId);
    return (
      all.find((s) => s.revision === appeal.revision && s.freelancerId === appeal.freelancerId) ??
      null
    );
  }

  @ResolveField(() => ReviewModel, {
    nullable: true,
    description:
      'The rejection appealed against: verdict, each criterion with its comment, feedback.',
  })
  async review(
    @Parent() appeal: AppealModel,
    @Context() ctx: GqlContext,
  ): Promise<ReviewModel | null> {
    await requireWork(this.visibility, ctx, ctx.viewer, appeal.taskId);
    const all = await reviewsLoader(ctx, this.reviews).load(appeal.taskId);
    return (
      [...all].reverse().find((r) => r.revision === appeal.revision && r.verdict === 'REJECT') ??
      null
    );
  }
}
