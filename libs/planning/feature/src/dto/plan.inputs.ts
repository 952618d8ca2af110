import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { RequiredText } from '@splitwork/api-kit';
import { SizeBandInput } from './project.inputs';
import { WorkPlatform } from './plan.model';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@InputType()
export class PlanProjectInput {
  @Field(() => ID)
  @IsUUID()
  projectId!: string;

  @Field(() => SizeBandInput, {
    nullable: true,
    description: 'Changes the size band for this and later runs.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SizeBandInput)
  sizeBand?: SizeBandInput;
}

@InputType()
export class EstimateInput {
  @Field(() => Float)
  @Min(0)
  @Max(1000)
  optimistic!: number;

  @Field(() => Float)
  @Min(0)
  @Max(1000)
  likely!: number;

  @Field(() => Float)
  @Min(0)
  @Max(1000)
  pessimistic!: number;
}

@InputType()
export class SkillRequirementInput {
  @Field()
  @Transform(trim)
  @RequiredText({ max: 60, singleLine: true })
  skill!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(5)
  minLevel!: 1 | 2 | 3 | 4 | 5;
}

@InputType()
export class UpdatePlanTaskInput {
  @Field(() => ID)
  @IsUUID()
  projectId!: string;

  @Field()
  @IsString()
  @MaxLength(120)
  key!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @RequiredText({ max: 200, singleLine: true })
  title?: string;

  @Field({ nullable: true })
  @IsOptional()
  @RequiredText({ max: 5000 })
  description?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @RequiredText({ max: 500, each: true })
  acceptanceCriteria?: string[];

  @Field(() => EstimateInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EstimateInput)
  estimate?: EstimateInput;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(120, { each: true })
  dependsOn?: string[];

  @Field({ nullable: true, description: 'A locked task is kept as it is by a re-plan.' })
  @IsOptional()
  @IsBoolean()
  locked?: boolean;
}

@InputType()
export class AddPlanTaskInput {
  @Field(() => ID)
  @IsUUID()
  projectId!: string;

  @Field()
  @IsString()
  @MaxLength(120)
  featureKey!: string;

  @Field()
  @Transform(trim)
  @RequiredText({ max: 200, singleLine: true })
  title!: string;

  @Field()
  @RequiredText({ max: 5000 })
  description!: string;

  @Field(() => [String])
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @RequiredText({ max: 500, each: true })
  acceptanceCriteria!: string[];

  @Field(() => [SkillRequirementInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => SkillRequirementInput)
  skills!: SkillRequirementInput[];

  @Field(() => WorkPlatform)
  @IsEnum(WorkPlatform)
  platform!: WorkPlatform;

  @Field(() => EstimateInput)
  @ValidateNested()
  @Type(() => EstimateInput)
  estimate!: EstimateInput;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(120, { each: true })
  dependsOn!: string[];

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  requirementIds!: string[];
}

@InputType()
export class PlanTaskRefInput {
  @Field(() => ID)
  @IsUUID()
  projectId!: string;

  @Field()
  @IsString()
  @MaxLength(120)
  key!: string;
}

@InputType()
export class ExpandPlanTaskInput extends PlanTaskRefInput {
  @Field(() => Int, { defaultValue: 2 })
  @IsInt()
  @Min(2)
  @Max(8)
  parts!: number;
}
