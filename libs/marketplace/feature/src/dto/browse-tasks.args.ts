import { ArgsType, Field, Float, Int } from '@nestjs/graphql';
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
import { OpenTasksArgs } from './open-tasks.args';
import { TaskSortEnum } from './task-sort.enum';
import { SkillMatchEnum } from './skill-match.enum';

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
