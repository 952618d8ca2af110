import { Field, ObjectType } from '@nestjs/graphql';
import { TaskMessageModel } from './task-message.model';

@ObjectType('DeleteTaskMessagePayload')
export class DeleteTaskMessagePayload {
  @Field(() => TaskMessageModel)
  message!: TaskMessageModel;
}
