import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { ConnectionArgs } from '@splitwork/api-kit';
import { TaskMessageVisibilityEnum } from './task-message-visibility.enum';

@ArgsType()
export class TaskThreadArgs extends ConnectionArgs {
  @Field(() => ID)
  @IsUUID()
  taskId!: string;

  @Field(() => TaskMessageVisibilityEnum, {
    nullable: true,
    description: 'Only this visibility; every message the caller may read when left out.',
  })
  @IsOptional()
  @IsEnum(TaskMessageVisibilityEnum)
  visibility?: TaskMessageVisibilityEnum | null;
}
