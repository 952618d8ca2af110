import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Organization', { description: 'A group of freelancers a project can be private to.' })
export class OrganizationModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => [ID], { description: 'Member freelancers.' })
  memberIds!: string[];
}
