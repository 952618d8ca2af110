import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsUUID } from 'class-validator';

@InputType()
export class SetProjectReviewPolicyInput {
  @Field(() => ID)
  @IsUUID()
  projectId!: string;

  @Field({
    description:
      'Refuse reviewers who share an organization (member or creator) with anyone who holds or held the task.',
  })
  @IsBoolean()
  excludeSameOrganizationReviewers!: boolean;
}
