import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { AppealEntity } from '../appeal.entity';

@ObjectType('Appeal', {
  description: "A freelancer's appeal against the rejection of a submission.",
})
export class AppealModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  taskId!: string;

  @Field(() => ID)
  freelancerId!: string;

  @Field(() => Int, { description: 'The rejected submission.' })
  revision!: number;

  @Field()
  reason!: string;

  @Field({
    description:
      'OPEN, UPHELD, OVERTURNED (approved and paid) or OVERTURNED_UNPAID (overturned after someone else claimed the task: pay by other means).',
  })
  status!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  resolvedAt!: Date | null;

  static from(a: AppealEntity): AppealModel {
    return Object.assign(new AppealModel(), {
      id: a.id,
      taskId: a.taskId,
      freelancerId: a.freelancerId,
      revision: a.revision,
      reason: a.reason,
      status: a.status,
      note: a.note,
      createdAt: a.createdAt,
      resolvedAt: a.resolvedAt,
    });
  }
}
