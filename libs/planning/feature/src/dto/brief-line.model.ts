import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { BriefLine } from '@splitwork/planning-core';
import { BriefLineKind } from './brief-line-kind.enum';

@ObjectType('BriefLine', {
  description: 'A non-blank line of the brief and how the planner reads it.',
})
export class BriefLineModel {
  @Field(() => Int, { description: '1-based line number in the brief.' })
  line!: number;

  @Field()
  text!: string;

  @Field(() => BriefLineKind)
  kind!: BriefLineKind;

  @Field({ description: 'The owner set the kind (reclassifyBriefLine).' })
  reclassified!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'A requirement a scope line leaves out of the plan: that line.',
  })
  deferredByLine!: number | null;

  static from(line: BriefLine): BriefLineModel {
    return Object.assign(new BriefLineModel(), {
      line: line.line,
      text: line.text,
      kind: line.kind as BriefLineKind,
      reclassified: line.reclassified,
      deferredByLine: line.deferredBy ?? null,
    });
  }
}
