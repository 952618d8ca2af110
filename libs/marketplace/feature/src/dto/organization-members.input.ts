import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsUUID } from 'class-validator';

@InputType()
export class OrganizationMembersInput {
  @Field(() => ID)
  @IsUUID()
  organizationId!: string;

  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  userIds!: string[];
}
