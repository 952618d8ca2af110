import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '@splitwork/api-kit';
import type { TaskEntity } from '../task.entity';
import { TaskSkillModel } from './task-skill.model';
import { TaskEstimateModel } from './task-estimate.model';

@ObjectType('MarketTask', { description: 'A task of a funded plan, on the marketplace.' })
export class MarketTaskModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  projectId!: string;

  @Field({ description: "The task's key in the plan." })
  key!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field(() => [String])
  acceptanceCriteria!: string[];

  @Field(() => [TaskSkillModel])
  skills!: TaskSkillModel[];

  @Field()
  platform!: string;

  @Field(() => TaskEstimateModel)
  estimate!: TaskEstimateModel;

  @Field(() => MoneyModel)
  price!: MoneyModel;

  @Field(() => [String])
  dependsOn!: string[];

  @Field({
    description: 'BLOCKED, OPEN, OFFERED, CLAIMED, SUBMITTED, APPROVED, PAID, PAUSED or CANCELLED.',
  })
  status!: string;

  @Field(() => ID, { nullable: true })
  assigneeId!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  claimDeadline!: Date | null;

  @Field(() => Int, {
    description: 'Submission number the assignee works on (0 before the first claim).',
  })
  revision!: number;

  static from(t: TaskEntity): MarketTaskModel {
    return Object.assign(new MarketTaskModel(), {
      id: t.id,
      projectId: t.projectId,
      key: t.taskKey,
      title: t.title,
      description: t.description,
      acceptanceCriteria: t.acceptanceCriteria,
      skills: t.skills.map((s) => ({ skill: s.skill, minLevel: s.minLevel })),
      platform: t.platform,
      estimate: t.estimate,
      price: MoneyModel.from({ amountCents: t.priceCents, currency: t.currency }),
      dependsOn: t.dependsOn,
      status: t.status,
      assigneeId: t.assigneeId,
      claimDeadline: t.claimDeadline,
      revision: t.revision,
    });
  }
}
