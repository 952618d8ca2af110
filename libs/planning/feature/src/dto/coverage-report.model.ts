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

  @Field(() => Int, { description: 'Requirements covered STRONG: only those count as built.' })
  coveredCount!: number;

  @Field(() => Int, { description: 'Requirements some task traces to, whatever it builds.' })
  tracedCount!: number;

  @Field(() => Int)
  strongCount!: number;

  @Field(() => Int)
  weakCount!: number;

  @Field(() => Int)
  missingCount!: number;

  @Field(() => Float, { description: 'Whole percent of STRONG requirements.' })
  coveragePercent!: number;

  @Field(() => [String], { description: 'Requirements no task traces to (MISSING).' })
  uncoveredRequirementIds!: string[];
}
