import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsString, MaxLength } from 'class-validator';
import { trim } from './trim';

@InputType()
export class LogInInput {
  @Field()
  @Transform(trim)
  @IsString()
  @MaxLength(254)
  email!: string;

  @Field()
  @IsString()
  @MaxLength(128)
  password!: string;
}
