import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('TaskStatusChange', { description: 'A task moved from one status to another.' })
export class TaskStatusChangeModel {
  @Field(() => ID)
  taskId!: string;

  @Field(() => ID)
  projectId!: string;

  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field(() => GraphQLISODateTime)
  at!: Date;
}
