import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsUUID } from 'class-validator';

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
