import { registerEnumType } from '@nestjs/graphql';

export enum TaskMessageVisibilityEnum {
  PUBLIC = 'PUBLIC',
  PRIVATE = 'PRIVATE',
}
registerEnumType(TaskMessageVisibilityEnum, {
  name: 'TaskMessageVisibility',
  description:
    'PUBLIC: questions and answers for everyone who may see the task on the market; PRIVATE: the conversation of the assignee with the owner and reviewers.',
});
