import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import type { TaskMessageRevisionEntity } from '../task-message-revision.entity';

@ObjectType('TaskMessageRevision', { description: 'An earlier version of an edited message.' })
export class TaskMessageRevisionModel {
  @Field({ description: 'The Markdown text of this version.' })
  body!: string;

  @Field(() => GraphQLISODateTime, { description: 'When this version was written.' })
  writtenAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When an edit replaced it.' })
  replacedAt!: Date;

  static from(r: TaskMessageRevisionEntity): TaskMessageRevisionModel {
    return Object.assign(new TaskMessageRevisionModel(), {
      body: r.body,
      writtenAt: r.writtenAt,
      replacedAt: r.replacedAt,
    });
  }
}
