import { Field, ObjectType } from '@nestjs/graphql';
import { MarketTaskModel } from './market-task.model';
import { AppealModel } from './appeal.model';

@ObjectType()
export class ResolveAppealPayload {
  @Field(() => AppealModel)
  appeal!: AppealModel;

  @Field(() => MarketTaskModel)
  task!: MarketTaskModel;
}
