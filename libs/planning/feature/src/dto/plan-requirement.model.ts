import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('PlanRequirement', { description: 'A requirement line found in the brief.' })
export class PlanRequirementModel {
  @Field()
  id!: string;

  @Field()
  text!: string;

  @Field({ description: 'bullet, numbered, user-story, sentence or heading-item' })
  kind!: string;

  @Field(() => Int)
  line!: number;

  @Field(() => String, { nullable: true })
  section!: string | null;

  @Field(() => [String], {
    description: '`instruction-like`: text addressed to the planner, never obeyed.',
  })
  flags!: string[];
}
