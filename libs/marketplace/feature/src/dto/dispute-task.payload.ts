import { Field, ObjectType } from '@nestjs/graphql';
import { TaskDisputeModel } from './task-dispute.model';

@ObjectType()
export class DisputeTaskPayload {
  @Field(() => TaskDisputeModel)
  dispute!: TaskDisputeModel;
}
