import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { SubmissionEntity } from '../submission.entity';

@ObjectType('Submission')
export class SubmissionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  taskId!: string;

  @Field(() => Int, {
    description: '1 for the first submission, n + 1 after changes were requested on n.',
  })
  revision!: number;

  @Field(() => ID, { description: 'The freelancer who submitted it.' })
  freelancerId!: string;

  @Field(() => [String])
  links!: string[];

  @Field()
  notes!: string;

  @Field(() => Float)
  hoursSpent!: number;

  @Field(() => GraphQLISODateTime, { description: 'When it was submitted.' })
  createdAt!: Date;

  static from(s: SubmissionEntity): SubmissionModel {
    return Object.assign(new SubmissionModel(), {
      id: s.id,
      taskId: s.taskId,
      revision: s.revision,
      freelancerId: s.freelancerId,
      links: s.links,
      notes: s.notes,
      hoursSpent: s.hoursSpent,
      createdAt: s.createdAt,
    });
  }
}
