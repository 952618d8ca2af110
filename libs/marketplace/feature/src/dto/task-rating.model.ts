import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { AssignmentRecordEntity } from '../assignment-record.entity';

@ObjectType('TaskRating')
export class TaskRatingModel {
  @Field(() => ID)
  taskId!: string;

  @Field(() => ID)
  freelancerId!: string;

  @Field(() => Int)
  rating!: number;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => GraphQLISODateTime)
  ratedAt!: Date;

  static from(r: AssignmentRecordEntity): TaskRatingModel {
    return Object.assign(new TaskRatingModel(), {
      taskId: r.taskId,
      freelancerId: r.freelancerId,
      rating: r.ownerRating ?? 0,
      comment: r.ownerComment,
      ratedAt: r.ratedAt ?? new Date(0),
    });
  }
}
