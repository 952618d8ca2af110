import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '@splitwork/api-kit';
import type { ProjectEntity } from '../project.entity';
import { TargetPlatform } from './target-platform.enum';
import { ProjectStatus } from './project-status.enum';
import { RateCardEntryModel } from './rate-card-entry.model';

@ObjectType('Project')
export class ProjectModel {
  @Field(() => ID)
  id!: string;

  ownerId!: string;

  /** The row behind the model, for the computed fields (never exposed). */
  source!: ProjectEntity;

  @Field()
  title!: string;

  @Field()
  brief!: string;

  @Field(() => [TargetPlatform])
  platforms!: TargetPlatform[];

  @Field(() => MoneyModel)
  budget!: MoneyModel;

  @Field(() => GraphQLISODateTime, { nullable: true })
  deadline!: Date | null;

  @Field(() => [RateCardEntryModel])
  rateCard!: RateCardEntryModel[];

  @Field(() => ProjectStatus)
  status!: ProjectStatus;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  static from(entity: ProjectEntity): ProjectModel {
    return Object.assign(new ProjectModel(), {
      source: entity,
      id: entity.id,
      ownerId: entity.ownerId,
      title: entity.title,
      brief: entity.brief,
      platforms: entity.platforms,
      budget: MoneyModel.from({ amountCents: entity.budgetCents, currency: entity.currency }),
      deadline: entity.deadline,
      rateCard: Object.entries(entity.rateCard).map(([level, cents]) => ({
        level: Number(level),
        hourlyRateCents: cents,
      })),
      status: entity.status,
      createdAt: entity.createdAt,
    });
  }
}
