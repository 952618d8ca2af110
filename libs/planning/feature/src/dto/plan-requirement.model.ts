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

  @Field(() => String, {
    nullable: true,
    description: 'The thing the line acts on, as the planner read it (`tool`).',
  })
  entity!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What the user does to it, as the planner read it (`reserve`).',
  })
  action!: string | null;
}
