import { registerEnumType } from '@nestjs/graphql';

export enum WorkPlatform {
  WEB = 'WEB',
  IOS = 'IOS',
  ANDROID = 'ANDROID',
  BACKEND = 'BACKEND',
  DESIGN = 'DESIGN',
  QA = 'QA',
  DEVOPS = 'DEVOPS',
}
registerEnumType(WorkPlatform, {
  name: 'WorkPlatform',
  description: 'Who does the work of a task.',
});
