import { Field, Float, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { RequiredText } from '@splitwork/api-kit';

@InputType()
export class CreateOrganizationInput {
  @Field()
  @RequiredText({ max: 100, singleLine: true })
  name!: string;
}

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

@ObjectType('Organization', { description: 'A group of freelancers a project can be private to.' })
export class OrganizationModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => [ID], { description: 'Member freelancers.' })
  memberIds!: string[];
}

@InputType()
export class SetProjectTalentPoolInput {
  @Field(() => ID)
  @IsUUID()
  projectId!: string;

  @Field(() => [ID], {
    nullable: true,
    description: 'Exactly one of freelancerIds or organizationId.',
  })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  freelancerIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'An organization the caller administers.' })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;
}

@InputType()
export class ProjectRefInput {
  @Field(() => ID)
  @IsUUID()
  projectId!: string;
}

@InputType()
export class SetTaskMinReputationInput {
  @Field(() => ID)
  @IsUUID()
  taskId!: string;

  @Field(() => Float, { nullable: true, description: '1–5, or null for no minimum.' })
  @IsOptional()
  @Min(1)
  @Max(5)
  minReputation!: number | null;
}
