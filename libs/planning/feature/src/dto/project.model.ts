import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, MoneyModel } from '@splitwork/api-kit';
import type { ProjectEntity } from '../project.entity';
import { ProjectStatus, TargetPlatform } from '../target-platform';

registerEnumType(TargetPlatform, { name: 'TargetPlatform' });
registerEnumType(ProjectStatus, { name: 'ProjectStatus' });

@ObjectType('RateCardEntry')
export class RateCardEntryModel {
  @Field(() => Int)
  level!: number;

  @Field(() => Int)
  hourlyRateCents!: number;
}

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

@ObjectType('ProjectConnection')
export class ProjectConnection extends Connection(ProjectModel, 'Project') {}

@ObjectType('CreateProjectPayload')
export class CreateProjectPayload {
  @Field(() => ProjectModel)
  project!: ProjectModel;
}
