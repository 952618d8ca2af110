import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('MarketOwner', { description: "A project owner's public face." })
export class MarketOwnerModel {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;
}
