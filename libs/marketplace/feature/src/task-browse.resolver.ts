import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Authenticated, byKeys, CurrentViewer, GqlContext, Viewer } from '@splitwork/api-kit';
import { DomainError, Role } from '@splitwork/kernel';
import { MarketTaskConnection, MarketTaskModel } from './dto/marketplace.models';
import {
  BrowseTasksArgs,
  MarketOwnerModel,
  MarketProjectModel,
  RecommendedTasksArgs,
  TaskDependencyModel,
  TaskRecommendationModel,
} from './dto/task-browse.models';
import { TaskBrowseService } from './task-browse.service';

/** Browsing the board and the relations of a task, each loaded once per request for the whole page. */
@Resolver(() => MarketTaskModel)
export class TaskBrowseResolver {
  constructor(
    private readonly browse: TaskBrowseService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Authenticated(Role.FREELANCER)
  @Query(() => MarketTaskConnection, {
    description:
      'OPEN tasks the caller may see (talent pools), filtered and sorted, with keyset pagination.',
  })
  openTasks(
    @Args() args: BrowseTasksArgs,
    @CurrentViewer() viewer: Viewer,
  ): Promise<MarketTaskConnection> {
    return this.browse.openTasks(viewer, args, (t) => MarketTaskModel.from(t));
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
          await this.dataSource.query<MarketOwnerModel[]>(
            `SELECT id, display_name AS "displayName" FROM users WHERE id = ANY($1::uuid[])`,
            [[...ids]],
          ),
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
    if (task.dependsOn.length === 0) return [];
    const loader = ctx.loaders.get<string, TaskDependencyModel | null>(
      'taskDependency.byProjectKey',
      async (keys) => {
        const pairs = keys.map((k) => k.split('|'));
        const rows = await this.dataSource.query<(TaskDependencyModel & { projectId: string })[]>(
          `SELECT t.id, t.project_id AS "projectId", t.task_key AS key, t.title, t.status
             FROM marketplace_tasks t
             JOIN unnest($1::uuid[], $2::text[]) AS k(project_id, task_key)
               ON t.project_id = k.project_id AND t.task_key = k.task_key`,
          [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
        );
        return byKeys(keys, rows, (r) => `${r.projectId}|${r.key}`).map((r) =>
          r ? { id: r.id, key: r.key, title: r.title, status: r.status } : null,
        );
      },
    );
    const found = await loader.loadMany(task.dependsOn.map((key) => `${task.projectId}|${key}`));
    return found.filter((d): d is TaskDependencyModel => d !== null && !(d instanceof Error));
  }

  private projectLoader(ctx: GqlContext) {
    return ctx.loaders.get<string, MarketProjectModel | null>('marketProject.byId', async (ids) =>
      byKeys(
        ids,
        await this.dataSource.query<MarketProjectModel[]>(
          `SELECT id, title, platforms, currency, deadline, owner_id AS "ownerId"
             FROM projects WHERE id = ANY($1::uuid[])`,
          [[...ids]],
        ),
        (p) => p.id,
      ),
    );
  }
}
