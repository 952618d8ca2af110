import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEmail,
  IsEnum,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { RequiredText } from '@splitwork/api-kit';
import { Role } from '@splitwork/kernel';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

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

@InputType()
export class RefreshSessionInput {
  @Field()
  @IsString()
  @MaxLength(200)
  refreshToken!: string;
}

@InputType()
export class LogOutInput {
  @Field()
  @IsString()
  @MaxLength(200)
  refreshToken!: string;
}

@InputType()
export class GrantRoleInput {
  @Field()
  @IsUUID()
  userId!: string;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;
}
