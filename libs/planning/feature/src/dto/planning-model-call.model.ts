import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { ModelCallRecord } from '@splitwork/planning-core';

@ObjectType('PlanningModelCall', {
  description: 'One call to the model during an LLM planning run.',
})
export class PlanningModelCallModel {
  @Field({ description: 'The conversation: plan, outline, or feature <key>.' })
  conversation!: string;

  @Field({ description: 'ask, repair or continue (the rest of a cut-off answer).' })
  purpose!: string;

  @Field(() => Int)
  promptTokens!: number;

  @Field(() => Int)
  completionTokens!: number;

  @Field({
    description: 'Whether the endpoint reported the token counts (else they are estimates).',
  })
  usageReported!: boolean;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Time to the first token, queueing at the server included.',
  })
  firstTokenMs!: number | null;

  @Field(() => String, { nullable: true })
  finishReason!: string | null;

  @Field({ description: 'json_schema, json_object or prompt; empty when the call failed.' })
  responseFormat!: string;

  @Field(() => Int, { description: 'HTTP requests the call took, retries included.' })
  attempts!: number;

  @Field(() => String, { nullable: true, description: 'The answer as received.' })
  rawAnswer!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the call failed.' })
  error!: string | null;

  static from(call: ModelCallRecord): PlanningModelCallModel {
    return Object.assign(new PlanningModelCallModel(), call);
  }
}
