import { Field, ObjectType } from '@nestjs/graphql';
import { PlanningRunModel } from './planning-run.model';

@ObjectType('PlanProjectPayload')
export class PlanProjectPayload {
  @Field(() => PlanningRunModel)
  run!: PlanningRunModel;
}
