import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('ReviewAuthor', { description: 'The reviewer who wrote a review, by public name.' })
export class ReviewAuthorModel {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;
}
