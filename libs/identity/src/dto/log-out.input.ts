import { Field, InputType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';

@InputType()
export class LogOutInput {
  @Field()
  @IsString()
  @MaxLength(200)
  refreshToken!: string;
}
