import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ProjectAutoAssign')
export class ProjectAutoAssignModel {
  @Field(() => ID)
  projectId!: string;

  @Field()
  enabled!: boolean;

  @Field(() => Int)
  offerWindowMinutes!: number;

  @Field(() => Int)
  maxCandidates!: number;
}
