import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { PlanningRunProgressEvent } from '../planning-events';
import { PlanningRunStatus } from './planning-run-status.enum';

@ObjectType('PlanningRunProgress')
export class PlanningRunProgressModel implements Omit<PlanningRunProgressEvent, 'projectId'> {
  @Field(() => ID)
  runId!: string;

  @Field(() => PlanningRunStatus)
  status!: PlanningRunStatus;

  @Field()
  stage!: string;

  @Field(() => Int)
  percent!: number;

  @Field()
  message!: string;

  @Field(() => String, { nullable: true })
  failureReason!: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Tokens of the model's answers received so far in this run (LLM planner, while streaming); null otherwise.",
  })
  tokensReceived!: number | null;
}
