import { Field, ObjectType } from '@nestjs/graphql';
import type { SkillReputation } from '@splitwork/marketplace-core';
import { ReputationFiguresModel } from './reputation-figures.model';

@ObjectType('SkillReputation')
export class SkillReputationModel extends ReputationFiguresModel {
  @Field()
  skill!: string;

  static fromSkill(s: SkillReputation): SkillReputationModel {
    return Object.assign(new SkillReputationModel(), ReputationFiguresModel.from(s), {
      skill: s.skill,
    });
  }
}
