import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  Authenticated,
  ConnectionArgs,
  CurrentViewer,
  keysetConnection,
  Viewer,
} from '@splitwork/api-kit';
import { Role } from '@splitwork/kernel';
import { MarketTaskModel } from './dto/market-task.model';
import { TaskRefInput } from './dto/task-ref.input';
import { OfferTaskInput } from './dto/offer-task.input';
import { OfferTaskPayload } from './dto/offer-task.payload';
import { TaskOfferConnection } from './dto/task-offer-connection.model';
import { TaskOfferModel } from './dto/task-offer.model';
import { TaskOfferEntity } from './task-offer.entity';
import { TaskOfferService } from './task-offer.service';
import { TaskRepository } from './task.repository';

@Resolver(() => TaskOfferModel)
export class TaskOfferResolver {
  constructor(
    private readonly offers: TaskOfferService,
    private readonly tasks: TaskRepository,
  ) {}

  @Authenticated(Role.OWNER, Role.REVIEWER)
  @Mutation(() => OfferTaskPayload, {
    description:
      "Invites one eligible freelancer to an OPEN task until the offer expires (project owner, the project's expert, or admin).",
  })
  async offerTask(
    @Args('input') input: OfferTaskInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<OfferTaskPayload> {
    const offer = await this.offers.offer(viewer, input);
    const task = (await this.tasks.findById(offer.taskId))!;
    return { offer: TaskOfferModel.from(offer, task), task: MarketTaskModel.from(task) };
  }

  @Authenticated(Role.FREELANCER)
  @Mutation(() => MarketTaskModel, {
    description: 'The invitee accepts an offer: the task is claimed by them, with a deadline.',
  })
  async acceptTaskOffer(
    @Args('input') input: TaskRefInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<MarketTaskModel> {
    return MarketTaskModel.from(await this.offers.accept(viewer, input.taskId));
  }

  @Authenticated(Role.FREELANCER)
  @Mutation(() => MarketTaskModel, {
    description: 'The invitee declines an offer: the task is OPEN again.',
  })
  async declineTaskOffer(
    @Args('input') input: TaskRefInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<MarketTaskModel> {
    return MarketTaskModel.from(await this.offers.decline(viewer, input.taskId));
  }

  @Authenticated(Role.FREELANCER)
  @Query(() => TaskOfferConnection, {
    description: "The caller's pending offers with their tasks, soonest expiry first.",
  })
  async myTaskOffers(
    @Args() args: ConnectionArgs,
    @CurrentViewer() viewer: Viewer,
  ): Promise<TaskOfferConnection> {
    const page = await keysetConnection(
      this.offers.pendingQuery(viewer),
      {
        alias: 'o',
        sortColumn: 'expires_at',
        direction: 'ASC',
        first: args.first,
        after: args.after,
        sortValueOf: (o: TaskOfferEntity) => o.expiresAt.toISOString(),
      },
      (o) => o,
    );
    const tasks = await this.offers.tasksOf(page.edges.map((e) => e.node));
    return {
      ...page,
      edges: page.edges.map((e) => ({
        cursor: e.cursor,
        node: TaskOfferModel.from(e.node, tasks.get(e.node.taskId)),
      })),
    };
  }
}
