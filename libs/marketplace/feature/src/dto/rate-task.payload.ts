import { Field, ObjectType } from '@nestjs/graphql';
import { TaskRatingModel } from './task-rating.model';

@ObjectType('RateTaskPayload')
export class RateTaskPayload {
  @Field(() => TaskRatingModel)
  rating!: TaskRatingModel;
}
