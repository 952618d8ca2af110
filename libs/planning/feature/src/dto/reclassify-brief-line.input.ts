import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsUUID, Max, Min } from 'class-validator';
import { BriefLineKind } from './brief-line-kind.enum';

@InputType()
export class ReclassifyBriefLineInput {
  @Field(() => ID)
  @IsUUID()
  projectId!: string;

  @Field(() => Int, { description: '1-based line number, as in Project.briefLines.' })
  @IsInt()
  @Min(1)
  @Max(100_000)
  line!: number;

  @Field(() => BriefLineKind)
  @IsEnum(BriefLineKind)
  kind!: BriefLineKind;
}
