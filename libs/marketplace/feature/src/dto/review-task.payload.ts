import { Field, ObjectType } from '@nestjs/graphql';
import { MarketTaskModel } from './market-task.model';
import { ReviewModel } from './review.model';

@ObjectType('ReviewTaskPayload')
export class ReviewTaskPayload {
  @Field(() => MarketTaskModel)
  task!: MarketTaskModel;

  @Field(() => ReviewModel)
  review!: ReviewModel;
}
