import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

@InputType()
export class ResolveAppealInput {
  @Field(() => ID)
  @IsUUID()
  appealId!: string;

  @Field({
    description: 'True: approve and pay the rejected submission; false: the rejection stands.',
  })
  @IsBoolean()
  overturn!: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}
