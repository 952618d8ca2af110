import { Field, ObjectType } from '@nestjs/graphql';
import { MarketTaskModel } from './market-task.model';
import { TaskOfferModel } from './task-offer.model';

@ObjectType('OfferTaskPayload')
export class OfferTaskPayload {
  @Field(() => TaskOfferModel)
  offer!: TaskOfferModel;

  @Field(() => MarketTaskModel)
  task!: MarketTaskModel;
}
