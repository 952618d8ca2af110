import { registerEnumType } from '@nestjs/graphql';

export enum TaskSortEnum {
  NEWEST = 'NEWEST',
  OLDEST = 'OLDEST',
  PRICE_DESC = 'PRICE_DESC',
  PRICE_ASC = 'PRICE_ASC',
  ESTIMATE_ASC = 'ESTIMATE_ASC',
}
registerEnumType(TaskSortEnum, { name: 'TaskSort' });
