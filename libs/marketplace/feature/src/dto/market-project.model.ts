import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('MarketProject', {
  description: 'What a freelancer may see of a project: no brief, budget or rate card.',
})
export class MarketProjectModel {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => [String])
  platforms!: string[];

  @Field()
  currency!: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  deadline!: Date | null;

  /** Internal: resolves `MarketTask.owner`; not a GraphQL field. */
  ownerId!: string;
}
