import {
  ArgsType,
  Field,
  Float,
  GraphQLISODateTime,
  ID,
  Int,
  ObjectType,
  registerEnumType,
} from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MatchBreakdownModel } from './auto-assign.models';
import { OpenTasksArgs, MarketTaskModel } from './marketplace.models';

export enum TaskSortEnum {
  NEWEST = 'NEWEST',
  OLDEST = 'OLDEST',
  PRICE_DESC = 'PRICE_DESC',
  PRICE_ASC = 'PRICE_ASC',
  ESTIMATE_ASC = 'ESTIMATE_ASC',
}
registerEnumType(TaskSortEnum, { name: 'TaskSort' });

export enum SkillMatchEnum {
  ANY = 'ANY',
  ALL = 'ALL',
}
registerEnumType(SkillMatchEnum, { name: 'SkillMatch' });

@ArgsType()
export class BrowseTasksArgs extends OpenTasksArgs {
  @Field(() => [String], { nullable: true, description: 'Required skills to look for.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  skills?: string[];

  @Field(() => SkillMatchEnum, {
    defaultValue: SkillMatchEnum.ANY,
    description: 'ANY: a task requiring at least one of `skills`; ALL: every one of them.',
  })
  @IsEnum(SkillMatchEnum)
  skillMatch: SkillMatchEnum = SkillMatchEnum.ANY;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  minPriceCents?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  maxPriceCents?: number;

  @Field(() => Float, { nullable: true, description: 'On the likely estimate, in hours.' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(10_000)
  minLikelyHours?: number;

  @Field(() => Float, { nullable: true, description: 'On the likely estimate, in hours.' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(10_000)
  maxLikelyHours?: number;

  @Field(() => TaskSortEnum, { defaultValue: TaskSortEnum.OLDEST })
  @IsEnum(TaskSortEnum)
  sort: TaskSortEnum = TaskSortEnum.OLDEST;
}

@ObjectType('MarketProject', {
  description: 'What a freelancer may see of a project: no brief, budget or rate card.',
})
export class MarketProjectModel {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => [String])
  platforms!: string[];

  @Field()
  currency!: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  deadline!: Date | null;

  /** Internal: resolves `MarketTask.owner`; not a GraphQL field. */
  ownerId!: string;
}

@ObjectType('MarketOwner', { description: "A project owner's public face." })
export class MarketOwnerModel {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;
}

@ObjectType('TaskDependency', { description: 'A task this task waits for.' })
export class TaskDependencyModel {
  @Field(() => ID)
  id!: string;

  @Field()
  key!: string;

  @Field()
  title!: string;

  @Field()
  status!: string;
}

@ObjectType('TaskRecommendation')
export class TaskRecommendationModel {
  @Field(() => MarketTaskModel)
  task!: MarketTaskModel;

  @Field(() => Float, { description: 'Weighted score from 0 to 1.' })
  score!: number;

  @Field(() => MatchBreakdownModel)
  components!: MatchBreakdownModel;

  @Field(() => MatchBreakdownModel)
  weights!: MatchBreakdownModel;
}

@ArgsType()
export class RecommendedTasksArgs {
  @Field(() => Int, { defaultValue: 10 })
  @IsInt()
  @Min(1)
  @Max(50)
  first = 10;
}
