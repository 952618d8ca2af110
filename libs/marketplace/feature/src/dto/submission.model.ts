import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { SubmissionEntity } from '../submission.entity';

@ObjectType('Submission')
export class SubmissionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  revision!: number;

  @Field(() => [String])
  links!: string[];

  @Field()
  notes!: string;

  @Field(() => Float)
  hoursSpent!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  static from(s: SubmissionEntity): SubmissionModel {
    return Object.assign(new SubmissionModel(), {
      id: s.id,
      revision: s.revision,
      links: s.links,
      notes: s.notes,
      hoursSpent: s.hoursSpent,
      createdAt: s.createdAt,
    });
  }
}
