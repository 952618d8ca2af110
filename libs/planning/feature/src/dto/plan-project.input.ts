import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { SizeBandInput } from './size-band.input';

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
