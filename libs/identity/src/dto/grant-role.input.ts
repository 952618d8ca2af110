import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';
import { Role } from '@splitwork/kernel';

@InputType()
export class GrantRoleInput {
  @Field()
  @IsUUID()
  userId!: string;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;
}
