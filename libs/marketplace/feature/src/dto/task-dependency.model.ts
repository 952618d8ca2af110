import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('TaskDependency', { description: 'A task this task waits for.' })
export class TaskDependencyModel {
  @Field(() => ID)
  id!: string;

  @Field()
  key!: string;

  @Field()
  title!: string;

  @Field()
  status!: string;
}
