import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import type { TaskDisputeEntity } from '../task-dispute.entity';

@ObjectType('Dispute', {
  description:
    "A project owner's dispute of approved work; an admin upholds the payment or reverses it. The evidence is on `task` (its submissions, reviews and thread).",
})
export class TaskDisputeModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  taskId!: string;

  @Field()
  reason!: string;

  @Field({
    description: 'OPEN, UPHELD (the payment stands) or REVERSED (the transfer taken back).',
  })
  status!: string;

  @Field(() => String, { nullable: true, description: "The admin's note with the decision." })
  note!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  resolvedAt!: Date | null;

  static from(d: TaskDisputeEntity): TaskDisputeModel {
    return Object.assign(new TaskDisputeModel(), {
      id: d.id,
      taskId: d.taskId,
      reason: d.reason,
      status: d.status,
      note: d.note,
      createdAt: d.createdAt,
      resolvedAt: d.resolvedAt,
    });
  }
}
