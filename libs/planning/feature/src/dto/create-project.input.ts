import { Field, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { RequiredText } from '@splitwork/api-kit';
import { BRIEF_MAX_LENGTH, TargetPlatform } from '../target-platform';
import { RateCardEntryInput } from './rate-card-entry.input';
import { SizeBandInput } from './size-band.input';
import { trim } from './trim';

@InputType()
export class CreateProjectInput {
  @Field()
  @Transform(trim)
  @RequiredText({ max: 200, singleLine: true })
  title!: string;

  @Field({ description: 'Plain text or Markdown, up to 100,000 characters.' })
  @Transform(trim)
  @RequiredText({ max: BRIEF_MAX_LENGTH })
  brief!: string;

  @Field(() => [TargetPlatform])
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsEnum(TargetPlatform, { each: true })
  platforms!: TargetPlatform[];

  @Field(() => Int, { description: 'Budget in minor units (cents).' })
  @IsInt()
  @Min(1, { message: 'budgetCents must be positive' })
  @Max(2_000_000_000)
  budgetCents!: number;

  @Field({ description: 'ISO 4217 code, e.g. USD or EUR.' })
  @IsString()
  @MaxLength(3)
  currency!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsDate()
  deadline?: Date;

  @Field(() => [RateCardEntryInput], {
    nullable: true,
    description: 'Hourly rate for each skill level 1..5; a default card when absent.',
  })
  @IsOptional()
  @ArrayMinSize(5)
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => RateCardEntryInput)
  rateCard?: RateCardEntryInput[];

  @Field(() => SizeBandInput, { nullable: true, description: '1 to 8 hours when absent.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SizeBandInput)
  sizeBand?: SizeBandInput;
}
