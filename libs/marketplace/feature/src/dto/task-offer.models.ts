import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Connection } from '@splitwork/api-kit';
import { DEFAULT_OFFER_POLICY } from '@splitwork/marketplace-core';
import type { TaskOfferEntity } from '../task-offer.entity';
import type { TaskEntity } from '../task.entity';
import { MarketTaskModel } from './marketplace.models';

@InputType()
export class OfferTaskInput {
  @Field(() => ID)
  @IsUUID()
  taskId!: string;

  @Field(() => ID, { description: 'The invited freelancer.' })
  @IsUUID()
  freelancerId!: string;

  @Field(() => Int, {
    nullable: true,
    description: `How long the offer stands, ${DEFAULT_OFFER_POLICY.minHours}–${DEFAULT_OFFER_POLICY.maxHours} h (default ${DEFAULT_OFFER_POLICY.defaultHours}).`,
  })
  @IsOptional()
  @IsInt()
  @Min(DEFAULT_OFFER_POLICY.minHours)
  @Max(DEFAULT_OFFER_POLICY.maxHours)
  expiresInHours?: number | null;
}

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

@ObjectType('TaskOfferConnection')
export class TaskOfferConnection extends Connection(TaskOfferModel, 'TaskOffer') {}

@ObjectType('OfferTaskPayload')
export class OfferTaskPayload {
  @Field(() => TaskOfferModel)
  offer!: TaskOfferModel;

  @Field(() => MarketTaskModel)
  task!: MarketTaskModel;
}
