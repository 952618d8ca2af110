import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import { ConnectionArgs } from '@splitwork/api-kit';

@ArgsType()
export class RecommendedReviewersArgs extends ConnectionArgs {
  @Field(() => ID)
  @IsUUID()
  projectId!: string;
}
