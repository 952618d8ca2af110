import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

@InputType()
export class FundProjectInput {
  @Field(() => ID)
  @IsUUID()
  projectId!: string;
}
