import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

@InputType()
export class TaskRefInput {
  @Field(() => ID)
  @IsUUID()
  taskId!: string;
}
