import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('CalibrationFactor', {
  description: 'A correction applied to the estimates of tasks needing this skill.',
})
export class CalibrationFactorModel {
  @Field()
  skill!: string;

  @Field(() => Float, { description: '2 means such work took twice its likely estimate.' })
  factor!: number;

  @Field(() => Int, { description: 'Finished tasks the factor was learned from.' })
  samples!: number;
}
