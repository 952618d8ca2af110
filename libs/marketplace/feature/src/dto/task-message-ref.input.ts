import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

@InputType()
export class TaskMessageRefInput {
  @Field(() => ID)
  @IsUUID()
  messageId!: string;
}
