import { registerEnumType } from '@nestjs/graphql';

export enum SkillMatchEnum {
  ANY = 'ANY',
  ALL = 'ALL',
}
registerEnumType(SkillMatchEnum, { name: 'SkillMatch' });
