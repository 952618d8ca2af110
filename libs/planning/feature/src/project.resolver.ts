import {
  Args,
  Context,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { ParseUUIDPipe } from '@nestjs/common';
import {
  Authenticated,
  byKeys,
  ConnectionArgs,
  ConnectionShape,
  CurrentViewer,
  GqlContext,
  keysetConnection,
  keysetConnections,
  Viewer,
} from '@splitwork/api-kit';
import { UserModel, UserRepository } from '@splitwork/identity';
import { DomainError, Role } from '@splitwork/kernel';
import { BriefLineModel } from './dto/brief-line.model';
import { CreateProjectInput } from './dto/create-project.input';
import { ReclassifyBriefLineInput } from './dto/reclassify-brief-line.input';
import { ReclassifyBriefLinePayload } from './dto/reclassify-brief-line.payload';
import { PlanModel } from './dto/plan.model';
import { CreateProjectPayload } from './dto/create-project.payload';
import { ProjectConnection } from './dto/project-connection.model';
import { ProjectModel } from './dto/project.model';
import { PlanningRunConnection } from './dto/planning-run-connection.model';
import { PlanningRunModel } from './dto/planning-run.model';
import { PlanService } from './plan.service';
import { PlanRepository } from './plan.repository';
import { ProjectPlanEntity } from './project-plan.entity';
import { PlanningRunRepository } from './planning-run.repository';
import { ProjectService } from './project.service';

@Resolver(() => ProjectModel)
export class ProjectResolver {
  constructor(
    private readonly projects: ProjectService,
    private readonly users: UserRepository,
    private readonly plans: PlanService,
    private readonly runs: PlanningRunRepository,
    private readonly planRepository: PlanRepository,
  ) {}

  @Authenticated(Role.OWNER)
  @Mutation(() => CreateProjectPayload, { description: 'Creates a project from a brief (owner).' })
  async createProject(
    @Args('input') input: CreateProjectInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<CreateProjectPayload> {
    return { project: ProjectModel.from(await this.projects.create(viewer, input)) };
  }

  @Authenticated(Role.OWNER)
  @Mutation(() => ReclassifyBriefLinePayload, {
    description:
      'Says how the next planning run reads a line of the brief: REQUIREMENT, CONTEXT or SCOPE (owner only).',
  })
  async reclassifyBriefLine(
    @Args('input') input: ReclassifyBriefLineInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ReclassifyBriefLinePayload> {
    const { project, briefLine } = await this.projects.reclassifyBriefLine(
      viewer,
      input.projectId,
      input.line,
      input.kind,
    );
    return { project: ProjectModel.from(project), briefLine: BriefLineModel.from(briefLine) };
  }

  @Authenticated()
  @Query(() => ProjectModel, { description: 'A project, for its owner or an admin.' })
  async project(
    @Args(
      'id',
      { type: () => ID },
      new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('Project') }),
    )
    id: string,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ProjectModel> {
    return ProjectModel.from(await this.projects.get(viewer, id));
  }

  @Authenticated(Role.OWNER)
  @Query(() => ProjectConnection, { description: "The caller's projects, newest first." })
  myProjects(
    @Args() args: ConnectionArgs,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ProjectConnection> {
    return keysetConnection(
      this.projects.ownedQuery(viewer),
      {
        alias: 'p',
        sortColumn: 'created_at',
        direction: 'DESC',
        first: args.first,
        after: args.after,
        sortValueOf: (p) => p.createdAt.toISOString(),
      },
      (p) => ProjectModel.from(p),
    );
  }

  @ResolveField(() => UserModel)
  async owner(@Parent() project: ProjectModel, @Context() ctx: GqlContext): Promise<UserModel> {
    const loader = ctx.loaders.get<string, UserModel | null>('user.byId', async (ids) =>
      byKeys(
        ids,
        (await this.users.findByIds(ids)).map((u) => UserModel.from(u)),
        (u) => u.id,
      ),
    );
    const owner = await loader.load(project.ownerId);
    if (!owner) throw DomainError.notFound('User', project.ownerId);
    return owner;
  }

  @ResolveField(() => [BriefLineModel], {
    description:
      'The non-blank lines of the brief and how the next planning run reads them (requirement, context or scope).',
  })
  briefLines(@Parent() project: ProjectModel): BriefLineModel[] {
    return this.projects.briefLines(project.source).map((l) => BriefLineModel.from(l));
  }

  @ResolveField(() => PlanModel, {
    nullable: true,
    description: 'The current plan; null before the first run.',
  })
  async plan(
    @Parent() project: ProjectModel,
    @Context() ctx: GqlContext,
  ): Promise<PlanModel | null> {
    const loader = ctx.loaders.get<string, ProjectPlanEntity | null>(
      'plan.byProject',
      async (ids) => byKeys(ids, await this.planRepository.findByProjects(ids), (p) => p.projectId),
    );
    const stored = await loader.load(project.id);
    return stored ? this.plans.present(project.source, stored) : null;
  }

  @ResolveField(() => PlanningRunConnection, {
    description: 'Planning runs of the project, newest first.',
  })
  planningRuns(
    @Parent() project: ProjectModel,
    @Args() args: ConnectionArgs,
    @Context() ctx: GqlContext,
  ): Promise<PlanningRunConnection> {
    // One loader per page asked for: projects of a list share it.
    const loader = ctx.loaders.get<string, ConnectionShape<PlanningRunModel>>(
      `planningRuns.byProject:${JSON.stringify([args.first, args.after])}`,
      (ids) =>
        keysetConnections(
          this.runs.runsQuery(),
          ids,
          {
            alias: 'r',
            sortColumn: 'created_at',
            direction: 'DESC',
            first: args.first,
            after: args.after,
            sortValueOf: (r) => r.createdAt.toISOString(),
            partitionColumn: 'project_id',
            partitionOf: (r) => r.projectId,
          },
          (r) => PlanningRunModel.from(r),
        ),
    );
    return loader.load(project.id);
  }
}
