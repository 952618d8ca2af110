import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEmail, IsEnum, IsString, MaxLength } from 'class-validator';
import { RequiredText } from '@splitwork/api-kit';
import { Role } from '@splitwork/kernel';
import { trim } from './trim';

@InputType()
export class SignUpInput {
  @Field()
  @Transform(trim)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @Field()
  @IsString()
  @MaxLength(128, { message: 'password must be at most 128 characters' })
  password!: string;

  @Field()
  @Transform(trim)
  @RequiredText({ max: 80, singleLine: true })
  displayName!: string;

  @Field(() => [Role], {
    description: 'Any of OWNER, FREELANCER, REVIEWER. ADMIN is granted by an admin.',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsEnum(Role, { each: true })
  roles!: Role[];
}
