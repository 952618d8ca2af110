import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { CoverageEntryModel } from './coverage-entry.model';

@ObjectType('CoverageReport', {
  description: 'Every requirement of the brief with the tasks that cover it.',
})
export class CoverageReportModel {
  @Field(() => [CoverageEntryModel])
  entries!: CoverageEntryModel[];

  @Field(() => Int)
  totalCount!: number;

  @Field(() => Int)
  coveredCount!: number;

  @Field(() => Float)
  coveragePercent!: number;

  @Field(() => [String])
  uncoveredRequirementIds!: string[];
}
