import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsOptional, IsUUID } from 'class-validator';

@InputType({ description: 'Either `ids` or `all: true`.' })
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  ids?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Every unread notification of the caller.' })
  @IsOptional()
  @IsBoolean()
  all?: boolean | null;
}
