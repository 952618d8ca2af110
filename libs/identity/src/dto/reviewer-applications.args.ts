import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { ConnectionArgs } from '@splitwork/api-kit';
import type { ReviewerApplicationStatus } from '../reviewer-vetting';
import { ReviewerApplicationStatusValue } from './reviewer-application-status.enum';

@ArgsType()
export class ReviewerApplicationsArgs extends ConnectionArgs {
  @Field(() => ReviewerApplicationStatusValue, {
    nullable: true,
    description: 'Only applications in this status; all when left out.',
  })
  @IsOptional()
  @IsEnum(ReviewerApplicationStatusValue)
  status?: ReviewerApplicationStatus;
}
