import { Field, ObjectType } from '@nestjs/graphql';
import { TaskMessageModel } from './task-message.model';

@ObjectType('PostTaskMessagePayload')
export class PostTaskMessagePayload {
  @Field(() => TaskMessageModel)
  message!: TaskMessageModel;
}
