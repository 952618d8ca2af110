import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

@InputType()
export class ProjectRefInput {
  @Field(() => ID)
  @IsUUID()
  projectId!: string;
}
