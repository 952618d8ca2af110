import { Field, ObjectType } from '@nestjs/graphql';
import { CoverageStrength } from './coverage-strength.enum';

@ObjectType('CoverageEntry')
export class CoverageEntryModel {
  @Field()
  requirementId!: string;

  @Field()
  text!: string;

  @Field(() => [String])
  taskKeys!: string[];

  @Field(() => CoverageStrength)
  strength!: CoverageStrength;
}
