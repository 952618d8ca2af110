import { Args, Context, Info, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Authenticated, byKeys, CurrentViewer, GqlContext, Viewer } from '@splitwork/api-kit';
import { UserRepository } from '@splitwork/identity';
import { DomainError, Role } from '@splitwork/kernel';
import { MarketTaskConnection } from './dto/market-task-connection.model';
import { MarketTaskModel } from './dto/market-task.model';
import { BrowseTasksArgs } from './dto/browse-tasks.args';
import { MarketOwnerModel } from './dto/market-owner.model';
import { MarketProjectModel } from './dto/market-project.model';
import { RecommendedTasksArgs } from './dto/recommended-tasks.args';
import { TaskDependencyModel } from './dto/task-dependency.model';
import { TaskRecommendationModel } from './dto/task-recommendation.model';
import { TaskBrowseService } from './task-browse.service';
import { feedSelection } from './task-feed.selection';
import { feedConnection } from './task-page.connection';
import { TaskRepository } from './task.repository';

/**
 * Browsing the board and the relations of a task, each loaded once per
 * request for the whole page. A task of the feed comes with its relations
 * (MarketTaskModel.preloaded): the API answers those without calling the
 * field resolvers below (PRELOADED_FIELDS in apps/api graphql.options.ts).
 */
@Resolver(() => MarketTaskModel)
export class TaskBrowseResolver {
  constructor(
    private readonly browse: TaskBrowseService,
    private readonly tasks: TaskRepository,
    private readonly users: UserRepository,
  ) {}

  @Authenticated(Role.FREELANCER)
  @Query(() => MarketTaskConnection, {
    description:
      'OPEN tasks the caller may see (talent pools), filtered and sorted, with keyset pagination.',
  })
  async openTasks(
    @Args() args: BrowseTasksArgs,
    @CurrentViewer() viewer: Viewer,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MarketTaskConnection> {
    return feedConnection(await this.browse.openTasks(viewer, args, feedSelection(info)));
  }

  @Authenticated(Role.FREELANCER)
  @Query(() => [TaskRecommendationModel], {
    description:
      "OPEN tasks the caller qualifies for, best fit first, with the score's components. BAD_USER_INPUT without a profile.",
  })
  async recommendedTasks(
    @Args() args: RecommendedTasksArgs,
    @CurrentViewer() viewer: Viewer,
  ): Promise<TaskRecommendationModel[]> {
    return (await this.browse.recommended(viewer, args.first)).map(({ task, match }) => ({
      task: MarketTaskModel.from(task),
      score: match.score,
      components: { ...match.components },
      weights: { ...match.weights },
    }));
  }

  @ResolveField(() => MarketProjectModel, { description: "The project's public summary." })
  async project(
    @Parent() task: MarketTaskModel,
    @Context() ctx: GqlContext,
  ): Promise<MarketProjectModel> {
    const project = await this.projectLoader(ctx).load(task.projectId);
    if (!project) throw DomainError.notFound('Project', task.projectId);
    return project;
  }

  @ResolveField(() => MarketOwnerModel, { description: "The project owner's public name." })
  async owner(
    @Parent() task: MarketTaskModel,
    @Context() ctx: GqlContext,
  ): Promise<MarketOwnerModel> {
    const project = await this.projectLoader(ctx).load(task.projectId);
    if (!project) throw DomainError.notFound('Project', task.projectId);
    const loader = ctx.loaders.get<string, MarketOwnerModel | null>(
      'marketOwner.byId',
      async (ids) =>
        byKeys(
          ids,
          (await this.users.findByIds(ids)).map((u) => ({
            id: u.id,
            displayName: u.displayName,
          })),
          (u) => u.id,
        ),
    );
    const owner = await loader.load(project.ownerId);
    if (!owner) throw DomainError.notFound('User', project.ownerId);
    return owner;
  }

  @ResolveField(() => [TaskDependencyModel], {
    description: 'The tasks this one depends on, in plan order.',
  })
  async dependencies(
    @Parent() task: MarketTaskModel,
    @Context() ctx: GqlContext,
  ): Promise<TaskDependencyModel[]> {
    const loader = ctx.loaders.get<string, TaskDependencyModel[]>(
      'taskDependencies.byTaskId',
      async (taskIds) => {
        const byTask = await this.tasks.dependenciesOf(taskIds);
        return taskIds.map((id) => byTask.get(id) ?? []);
      },
    );
    return loader.load(task.id);
  }

  private projectLoader(ctx: GqlContext) {
    return ctx.loaders.get<string, MarketProjectModel | null>('marketProject.byId', async (ids) =>
      byKeys(ids, await this.browse.projectSummaries(ids), (p) => p.id),
    );
  }
}
