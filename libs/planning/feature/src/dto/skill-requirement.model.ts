import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('SkillRequirement')
export class SkillRequirementModel {
  @Field()
  skill!: string;

  @Field(() => Int)
  minLevel!: number;
}
