import { ParseUUIDPipe } from '@nestjs/common';
import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Authenticated, CurrentViewer, GqlContext, Viewer } from '@splitwork/api-kit';
import { DomainError } from '@splitwork/kernel';
import { buildScorecard, InvalidReviewError } from '@splitwork/marketplace-core';
import { MarketTaskModel } from './dto/market-task.model';
import { ReviewModel } from './dto/review.model';
import { ScorecardCriterionModel } from './dto/scorecard-criterion.model';
import { SubmissionModel } from './dto/submission.model';
import { ReviewRepository } from './review.repository';
import { TaskRepository } from './task.repository';
import { requireWork, reviewsLoader, submissionsLoader } from './task-work.loaders';
import { WorkVisibilityService } from './work-visibility.service';

/**
 * The work of a task for the people in it (WorkVisibilityService says who):
 * the task by id, its submissions and its reviews. Every relation is loaded
 * once per request for the whole page, the access check included.
 *
 * Submissions and reviews are plain lists ordered by revision, not
 * connections: a task has at most a handful of revisions (the review policy
 * caps them, 3 by default, 20 at most), so a page would only add round trips.
 */
@Resolver(() => MarketTaskModel)
export class TaskWorkResolver {
  constructor(
    private readonly visibility: WorkVisibilityService,
    private readonly tasks: TaskRepository,
    private readonly records: ReviewRepository,
  ) {}

  @Authenticated()
  @Query(() => MarketTaskModel, {
    description:
      'A task for the people in its work: its project owner, its freelancer, its reviewers, admins. Others: NOT_FOUND (browse open tasks through openTasks).',
  })
  async task(
    @Args(
      'id',
      { type: () => ID },
      new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('Task') }),
    )
    id: string,
    @CurrentViewer() viewer: Viewer,
    @Context() ctx: GqlContext,
  ): Promise<MarketTaskModel> {
    await requireWork(this.visibility, ctx, viewer, id);
    const [task] = await this.tasks.findByIds([id]);
    if (!task) throw DomainError.notFound('Task', id);
    return MarketTaskModel.from(task);
  }

  @ResolveField(() => [ScorecardCriterionModel], {
    description:
      'The criteria a submission will be judged on (AC1, AC2, …), readable before submitting by whoever sees the task.',
  })
  scorecard(@Parent() task: MarketTaskModel): ScorecardCriterionModel[] {
    try {
      return buildScorecard(task.acceptanceCriteria).criteria.map((c) =>
        ScorecardCriterionModel.from(c),
      );
    } catch (error) {
      // A task without acceptance criteria has an empty scorecard (it cannot be reviewed).
      if (error instanceof InvalidReviewError) return [];
      throw error;
    }
  }

  @ResolveField(() => [SubmissionModel], {
    nullable: true,
    description:
      'Every submission, by revision: for the people in the work (owner, freelancer, reviewers, admins); others NOT_FOUND.',
  })
  async submissions(
    @Parent() task: MarketTaskModel,
    @Context() ctx: GqlContext,
  ): Promise<SubmissionModel[]> {
    await requireWork(this.visibility, ctx, ctx.viewer, task.id);
    return submissionsLoader(ctx, this.records).load(task.id);
  }

  @ResolveField(() => [ReviewModel], {
    nullable: true,
    description:
      'Every review, by the revision it judged: verdict, each criterion with its comment, score, feedback, reviewer. For the people in the work; others NOT_FOUND.',
  })
  async reviews(
    @Parent() task: MarketTaskModel,
    @Context() ctx: GqlContext,
  ): Promise<ReviewModel[]> {
    await requireWork(this.visibility, ctx, ctx.viewer, task.id);
    return reviewsLoader(ctx, this.records).load(task.id);
  }
}
