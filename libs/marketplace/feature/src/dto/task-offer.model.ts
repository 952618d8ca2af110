import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import type { TaskOfferEntity } from '../task-offer.entity';
import type { TaskEntity } from '../task.entity';
import { MarketTaskModel } from './market-task.model';

@ObjectType('TaskOffer', { description: 'An invitation of a task to one freelancer.' })
export class TaskOfferModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  taskId!: string;

  @Field(() => ID)
  freelancerId!: string;

  @Field({ description: 'MANUAL (owner, expert, admin) or AUTO (auto-assignment).' })
  source!: string;

  @Field({ description: 'PENDING, ACCEPTED, DECLINED, EXPIRED or WITHDRAWN.' })
  status!: string;

  @Field(() => GraphQLISODateTime)
  expiresAt!: Date;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => MarketTaskModel, { nullable: true })
  task!: MarketTaskModel | null;

  static from(o: TaskOfferEntity, task?: TaskEntity): TaskOfferModel {
    return Object.assign(new TaskOfferModel(), {
      id: o.id,
      taskId: o.taskId,
      freelancerId: o.freelancerId,
      source: o.source,
      status: o.status,
      expiresAt: o.expiresAt,
      createdAt: o.createdAt,
      task: task ? MarketTaskModel.from(task) : null,
    });
  }
}
