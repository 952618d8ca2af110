import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('CoverageEntry')
export class CoverageEntryModel {
  @Field()
  requirementId!: string;

  @Field()
  text!: string;

  @Field(() => [String])
  taskKeys!: string[];
}
