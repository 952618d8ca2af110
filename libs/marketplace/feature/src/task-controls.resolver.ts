import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Authenticated, CurrentViewer, Viewer } from '@splitwork/api-kit';
import { Role } from '@splitwork/kernel';
import { MarketTaskModel } from './dto/market-task.model';
import { TaskRefInput } from './dto/task-ref.input';
import { TaskControlsService } from './task-controls.service';

/** The owner's pause, resume and cancel of one task. */
@Resolver()
export class TaskControlsResolver {
  constructor(private readonly controls: TaskControlsService) {}

  @Authenticated(Role.OWNER)
  @Mutation(() => MarketTaskModel, {
    description: 'Pauses a task not yet delivered: its claim deadline or offer stops running.',
  })
  async pauseTask(
    @Args('input') input: TaskRefInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<MarketTaskModel> {
    return MarketTaskModel.from(await this.controls.pause(viewer, input.taskId));
  }

  @Authenticated(Role.OWNER)
  @Mutation(() => MarketTaskModel, {
    description: 'Resumes a paused task; its deadlines move on by the length of the pause.',
  })
  async resumeTask(
    @Args('input') input: TaskRefInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<MarketTaskModel> {
    return MarketTaskModel.from(await this.controls.resume(viewer, input.taskId));
  }

  @Authenticated(Role.OWNER)
  @Mutation(() => MarketTaskModel, {
    description:
      'Cancels a task not yet delivered and refunds its escrow share to the owner; its dependents stay blocked.',
  })
  async cancelTask(
    @Args('input') input: TaskRefInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<MarketTaskModel> {
    return MarketTaskModel.from(await this.controls.cancel(viewer, input.taskId));
  }
}
