import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { Authenticated, CurrentViewer, Viewer } from '@splitwork/api-kit';
import { DomainError, Role } from '@splitwork/kernel';
import { PlanProjectInput } from './dto/plan-project.input';
import { PlanningRunModel } from './dto/planning-run.model';
import { PlanningRunProgressModel } from './dto/planning-run-progress.model';
import { PlanProjectPayload } from './dto/plan-project.payload';
import { PlanningEvents } from './planning-events';
import { PlanningRunService } from './planning-run.service';

const runId = () =>
  new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('Planning run') });

@Resolver(() => PlanningRunModel)
export class PlanningRunResolver {
  constructor(
    private readonly runs: PlanningRunService,
    private readonly events: PlanningEvents,
  ) {}

  @Authenticated(Role.OWNER)
  @Mutation(() => PlanProjectPayload, {
    description:
      'Starts planning the project (or re-planning it, keeping the tasks the owner added or locked); returns the queued run at once.',
  })
  async planProject(
    @Args('input') input: PlanProjectInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<PlanProjectPayload> {
    return {
      run: PlanningRunModel.from(await this.runs.start(viewer, input.projectId, input.sizeBand)),
    };
  }

  @Authenticated()
  @Query(() => PlanningRunModel, { description: "A planning run of one of the caller's projects." })
  async planningRun(
    @Args('id', { type: () => ID }, runId()) id: string,
    @CurrentViewer() viewer: Viewer,
  ): Promise<PlanningRunModel> {
    return PlanningRunModel.from(await this.runs.get(viewer, id));
  }

  @Authenticated()
  @Subscription(() => PlanningRunProgressModel, {
    description:
      'Stage, percent and message of a planning run as it goes; ends with SUCCEEDED or FAILED.',
  })
  async planningRunProgress(
    @Args('runId', { type: () => ID }, runId()) id: string,
    @CurrentViewer() viewer: Viewer,
  ): Promise<AsyncIterableIterator<unknown>> {
    await this.runs.get(viewer, id);
    return this.events.subscribe(id);
  }
}
