import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

@InputType()
export class CancelProjectInput {
  @Field(() => ID)
  @IsUUID()
  projectId!: string;
}
