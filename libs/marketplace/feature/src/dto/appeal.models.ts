import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Connection, RequiredText } from '@splitwork/api-kit';
import type { AppealEntity } from '../appeal.entity';
import { MarketTaskModel } from './marketplace.models';

@InputType()
export class AppealRejectionInput {
  @Field(() => ID)
  @IsUUID()
  taskId!: string;

  @Field({ description: 'Why the rejection was wrong (10 to 2000 characters).' })
  @RequiredText({ min: 10, max: 2000 })
  reason!: string;
}

@InputType()
export class ResolveAppealInput {
  @Field(() => ID)
  @IsUUID()
  appealId!: string;

  @Field({
    description: 'True: approve and pay the rejected submission; false: the rejection stands.',
  })
  @IsBoolean()
  overturn!: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

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

@ObjectType('AppealConnection')
export class AppealConnection extends Connection(AppealModel, 'Appeal') {}

@ObjectType()
export class ResolveAppealPayload {
  @Field(() => AppealModel)
  appeal!: AppealModel;

  @Field(() => MarketTaskModel)
  task!: MarketTaskModel;
}
