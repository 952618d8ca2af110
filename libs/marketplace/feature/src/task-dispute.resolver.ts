import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Authenticated,
  byKeys,
  ConnectionArgs,
  CurrentViewer,
  GqlContext,
  keysetConnection,
  Viewer,
} from '@splitwork/api-kit';
import { Role } from '@splitwork/kernel';
import { DisputeTaskInput } from './dto/dispute-task.input';
import { DisputeTaskPayload } from './dto/dispute-task.payload';
import { MarketTaskModel } from './dto/market-task.model';
import { ResolveDisputeInput } from './dto/resolve-dispute.input';
import { ResolveDisputePayload } from './dto/resolve-dispute.payload';
import { TaskDisputeConnection } from './dto/task-dispute-connection.model';
import { TaskDisputeModel } from './dto/task-dispute.model';
import { TaskDisputeEntity } from './task-dispute.entity';
import { TaskDisputeService } from './task-dispute.service';
import { TaskRepository } from './task.repository';

/** A Dispute is only ever shown to its project's owner (disputeTask) and to admins. */
@Resolver(() => TaskDisputeModel)
export class TaskDisputeResolver {
  constructor(
    private readonly disputes: TaskDisputeService,
    private readonly tasks: TaskRepository,
  ) {}

  @Authenticated(Role.OWNER)
  @Mutation(() => DisputeTaskPayload, {
    description:
      'Disputes an approved task of your project within DISPUTE_WINDOW_DAYS of its approval; once per task. An admin upholds or reverses the payment.',
  })
  async disputeTask(
    @Args('input') input: DisputeTaskInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<DisputeTaskPayload> {
    return {
      dispute: TaskDisputeModel.from(await this.disputes.open(viewer, input.taskId, input.reason)),
    };
  }

  @Authenticated(Role.ADMIN)
  @Query(() => TaskDisputeConnection, {
    description: 'Disputes waiting for a decision, oldest first (admin).',
  })
  openDisputes(@Args() args: ConnectionArgs): Promise<TaskDisputeConnection> {
    return keysetConnection(
      this.disputes.openQuery(),
      {
        alias: 'd',
        sortColumn: 'created_at',
        direction: 'ASC',
        first: args.first,
        after: args.after,
        sortValueOf: (d: TaskDisputeEntity) => d.createdAt.toISOString(),
      },
      (d) => TaskDisputeModel.from(d),
    );
  }

  @Authenticated(Role.ADMIN)
  @Mutation(() => ResolveDisputePayload, {
    description:
      "Decides a dispute (admin): UPHOLD keeps the payment; REVERSE takes the freelancer's paid transfer back to the project's escrow, with its ledger entries.",
  })
  async resolveDispute(
    @Args('input') input: ResolveDisputeInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ResolveDisputePayload> {
    const dispute = await this.disputes.resolve(
      viewer,
      input.disputeId,
      input.outcome,
      input.note ?? null,
    );
    return { dispute: TaskDisputeModel.from(dispute) };
  }

  @ResolveField(() => MarketTaskModel, {
    description: 'The disputed task: its submissions, reviews and thread are the evidence.',
  })
  task(@Parent() dispute: TaskDisputeModel, @Context() ctx: GqlContext): Promise<MarketTaskModel> {
    const loader = ctx.loaders.get<string, MarketTaskModel | null>('disputes.task', async (ids) =>
      byKeys(ids, await this.tasks.findByIds(ids), (t) => t.id).map((t) =>
        t ? MarketTaskModel.from(t) : null,
      ),
    );
    return loader.load(dispute.taskId) as Promise<MarketTaskModel>;
  }
}
