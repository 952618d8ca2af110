import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('TaskSkill')
export class TaskSkillModel {
  @Field()
  skill!: string;

  @Field(() => Int)
  minLevel!: number;
}
