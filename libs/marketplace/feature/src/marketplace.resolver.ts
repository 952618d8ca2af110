import {
  Args,
  Context,
  Info,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  Authenticated,
  CurrentViewer,
  GqlContext,
  groupByKeys,
  Viewer,
  ConnectionArgs,
} from '@splitwork/api-kit';
import { Role } from '@splitwork/kernel';
import { ProjectModel } from '@splitwork/planning';
import { AssignReviewerInput } from './dto/assign-reviewer.input';
import { FreelancerProfileModel } from './dto/freelancer-profile.model';
import { MarketTaskConnection } from './dto/market-task-connection.model';
import { MarketTaskModel } from './dto/market-task.model';
import { ReviewModel } from './dto/review.model';
import { ReviewTaskInput } from './dto/review-task.input';
import { ReviewTaskPayload } from './dto/review-task.payload';
import { SubmissionModel } from './dto/submission.model';
import { SubmitTaskInput } from './dto/submit-task.input';
import { TaskRefInput } from './dto/task-ref.input';
import { UpdateFreelancerProfileInput } from './dto/update-freelancer-profile.input';
import { UpdateReviewerProfileInput } from './dto/update-reviewer-profile.input';
import { ReviewerProfileModel } from './dto/reviewer-profile.model';
import { ProjectReviewPolicyModel } from './dto/project-review-policy.model';
import { SetProjectReviewPolicyInput } from './dto/set-project-review-policy.input';
import { ProfileService } from './profile.service';
import { ReviewService } from './review.service';
import { TaskBoardService } from './task-board.service';
import { TaskBrowseService } from './task-browse.service';
import { feedSelection } from './task-feed.selection';
import { feedConnection } from './task-page.connection';
import { TaskRepository } from './task.repository';

@Resolver(() => MarketTaskModel)
export class MarketplaceResolver {
  constructor(
    private readonly board: TaskBoardService,
    private readonly browse: TaskBrowseService,
    private readonly reviews: ReviewService,
    private readonly profiles: ProfileService,
  ) {}

  // openTasks lives in task-browse.resolver.ts (filters, sorts, visibility).

  @Authenticated(Role.FREELANCER)
  @Query(() => MarketTaskConnection, { description: 'Tasks the caller holds or held.' })
  async myTasks(
    @Args() args: ConnectionArgs,
    @CurrentViewer() viewer: Viewer,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MarketTaskConnection> {
    return feedConnection(await this.browse.assigned(viewer, args, feedSelection(info)));
  }

  @Authenticated(Role.REVIEWER)
  @Query(() => MarketTaskConnection, {
    description:
      "Submitted tasks the caller may review: their projects' as expert, and those of projects without an expert whose skills they hold; never work they have a conflict of interest in (approved reviewers).",
  })
  async reviewQueue(
    @Args() args: ConnectionArgs,
    @CurrentViewer() viewer: Viewer,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MarketTaskConnection> {
    return feedConnection(await this.browse.reviewQueue(viewer, args, feedSelection(info)));
  }

  @Authenticated(Role.FREELANCER)
  @Mutation(() => MarketTaskModel, {
    description: 'Claims an open task: exactly one freelancer wins; the claim has a deadline.',
  })
  async claimTask(
    @Args('input') input: TaskRefInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<MarketTaskModel> {
    return MarketTaskModel.from(await this.board.claim(viewer, input.taskId));
  }

  @Authenticated(Role.FREELANCER)
  @Mutation(() => MarketTaskModel, { description: 'Gives a claimed task back.' })
  async releaseTaskClaim(
    @Args('input') input: TaskRefInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<MarketTaskModel> {
    return MarketTaskModel.from(await this.board.releaseClaim(viewer, input.taskId));
  }

  @Authenticated(Role.FREELANCER)
  @Mutation(() => SubmissionModel, {
    description: 'Submits a deliverable for review (assignee only, while claimed).',
  })
  async submitTask(
    @Args('input') input: SubmitTaskInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<SubmissionModel> {
    const { taskId, ...command } = input;
    return SubmissionModel.from(await this.board.submit(viewer, taskId, command));
  }

  @Authenticated(Role.REVIEWER)
  @Mutation(() => ReviewTaskPayload, {
    description:
      'Scores a submission against its acceptance criteria: approve (pays), request changes or reject.',
  })
  async reviewTask(
    @Args('input') input: ReviewTaskInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ReviewTaskPayload> {
    const { taskId, ...draft } = input;
    const { task, review, revision } = await this.reviews.review(viewer, taskId, draft);
    return { task: MarketTaskModel.from(task), review: ReviewModel.from(review, revision) };
  }

  @Authenticated(Role.OWNER)
  @Mutation(() => Boolean, {
    description:
      "Makes an approved reviewer the project's expert; refused (FORBIDDEN) when they have a conflict of interest in any of its tasks.",
  })
  async assignProjectReviewer(
    @Args('input') input: AssignReviewerInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<boolean> {
    await this.reviews.assignReviewer(viewer, input.projectId, input.reviewerId);
    return true;
  }

  @Authenticated(Role.OWNER)
  @Mutation(() => ProjectReviewPolicyModel, {
    description:
      'Conflict-of-interest setting of a project: exclude reviewers who share an organization with whoever did the work (owner or admin).',
  })
  async setProjectReviewPolicy(
    @Args('input') input: SetProjectReviewPolicyInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ProjectReviewPolicyModel> {
    await this.reviews.setReviewPolicy(
      viewer,
      input.projectId,
      input.excludeSameOrganizationReviewers,
    );
    return Object.assign(new ProjectReviewPolicyModel(), input);
  }

  @Authenticated(Role.REVIEWER)
  @Mutation(() => ReviewerProfileModel, {
    description: 'The skills the review queue matches submissions against.',
  })
  async updateReviewerProfile(
    @Args('input') input: UpdateReviewerProfileInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ReviewerProfileModel> {
    return ReviewerProfileModel.from(await this.profiles.updateReviewer(viewer.id, input.skills));
  }

  @Authenticated(Role.FREELANCER)
  @Mutation(() => FreelancerProfileModel, {
    description: 'Skills with levels, rate, timezone, availability, portfolio.',
  })
  async updateFreelancerProfile(
    @Args('input') input: UpdateFreelancerProfileInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<FreelancerProfileModel> {
    return FreelancerProfileModel.from(
      await this.profiles.updateFreelancer(viewer.id, {
        ...input,
        hourlyRateCents: input.hourlyRateCents ?? null,
      }),
    );
  }
}

/** The marketplace side of a project, for whoever may read it. */
@Resolver(() => ProjectModel)
export class ProjectTasksResolver {
  constructor(private readonly taskRepository: TaskRepository) {}

  @ResolveField(() => [MarketTaskModel], {
    description: 'The tasks on the marketplace once the project is funded.',
  })
  tasks(@Parent() project: ProjectModel, @Context() ctx: GqlContext): Promise<MarketTaskModel[]> {
    const loader = ctx.loaders.get<string, MarketTaskModel[]>(
      'marketTasks.byProject',
      async (ids) =>
        groupByKeys(
          ids,
          (await this.taskRepository.ofProjects(ids)).map((t) => MarketTaskModel.from(t)),
          (t) => t.projectId,
        ),
    );
    return loader.load(project.id);
  }
}
