import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('ProjectReviewPolicy')
export class ProjectReviewPolicyModel {
  @Field(() => ID)
  projectId!: string;

  @Field()
  excludeSameOrganizationReviewers!: boolean;
}
