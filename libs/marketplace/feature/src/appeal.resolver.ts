import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  Authenticated,
  ConnectionArgs,
  CurrentViewer,
  keysetConnection,
  Viewer,
} from '@splitwork/api-kit';
import { Role } from '@splitwork/kernel';
import { AppealEntity } from './appeal.entity';
import { AppealService } from './appeal.service';
import { AppealConnection } from './dto/appeal-connection.model';
import { AppealModel } from './dto/appeal.model';
import { AppealRejectionInput } from './dto/appeal-rejection.input';
import { ResolveAppealInput } from './dto/resolve-appeal.input';
import { ResolveAppealPayload } from './dto/resolve-appeal.payload';
import { MarketTaskModel } from './dto/market-task.model';

@Resolver(() => AppealModel)
export class AppealResolver {
  constructor(private readonly appeals: AppealService) {}

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
}
