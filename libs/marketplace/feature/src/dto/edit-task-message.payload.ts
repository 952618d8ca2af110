import { Field, ObjectType } from '@nestjs/graphql';
import { TaskMessageModel } from './task-message.model';

@ObjectType('EditTaskMessagePayload')
export class EditTaskMessagePayload {
  @Field(() => TaskMessageModel)
  message!: TaskMessageModel;
}
