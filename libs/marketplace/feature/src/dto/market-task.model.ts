import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '@splitwork/api-kit';
import type { Money } from '@splitwork/kernel';
import type { FeedRow } from '../task-feed.repository';
import type { TaskEntity } from '../task.entity';
import { MarketOwnerModel } from './market-owner.model';
import { MarketProjectModel } from './market-project.model';
import { TaskDependencyModel } from './task-dependency.model';
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

  /**
   * Internal, not GraphQL fields: the relations the feed loaded in the same
   * statement as the row; `MarketTask.project`/`owner`/`dependencies` use
   * them instead of their per-request loaders.
   */
  preloaded?: {
    project?: MarketProjectModel | null;
    owner?: MarketOwnerModel | null;
    dependencies?: TaskDependencyModel[];
  };

  /** A feed row: only the selected columns are set (GraphQL reads no other). */
  static fromFeed(row: FeedRow): MarketTaskModel {
    const task = new MarketTaskModel();
    task.id = row.id;
    task.projectId = row.projectId;
    if ('key' in row) task.key = row.key as string;
    if ('title' in row) task.title = row.title as string;
    if ('description' in row) task.description = row.description as string;
    if ('acceptanceCriteria' in row) task.acceptanceCriteria = row.acceptanceCriteria as string[];
    if ('skills' in row) task.skills = row.skills as TaskSkillModel[];
    if ('platform' in row) task.platform = row.platform as string;
    if ('estimate' in row) task.estimate = row.estimate as TaskEstimateModel;
    if ('priceCents' in row) {
      task.price = MoneyModel.from({
        amountCents: Number(row.priceCents),
        currency: row.currency as Money['currency'],
      });
    }
    if ('dependsOn' in row) task.dependsOn = row.dependsOn as string[];
    if ('status' in row) task.status = row.status as string;
    if ('assigneeId' in row) task.assigneeId = row.assigneeId as string | null;
    if ('claimDeadline' in row) task.claimDeadline = row.claimDeadline as Date | null;
    if ('revision' in row) task.revision = row.revision as number;
    const preloaded: NonNullable<MarketTaskModel['preloaded']> = {};
    if (row.projectTitle !== undefined) {
      preloaded.project = {
        id: row.projectId,
        title: row.projectTitle,
        platforms: row.projectPlatforms!,
        currency: row.projectCurrency!,
        deadline: row.projectDeadline ?? null,
        ownerId: row.ownerId!,
      };
    }
    if (row.ownerName !== undefined) {
      preloaded.owner = { id: row.ownerId!, displayName: row.ownerName };
    }
    if (row.dependencies !== undefined) preloaded.dependencies = row.dependencies ?? [];
    task.preloaded = preloaded;
    return task;
  }

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
