import { Field, ObjectType } from '@nestjs/graphql';
import type { Reputation } from '@splitwork/marketplace-core';
import { ReputationFiguresModel } from './reputation-figures.model';
import { SkillReputationModel } from './skill-reputation.model';

@ObjectType('Reputation', { description: "A freelancer's reputation, overall and per skill." })
export class ReputationModel {
  @Field(() => ReputationFiguresModel)
  overall!: ReputationFiguresModel;

  @Field(() => [SkillReputationModel])
  skills!: SkillReputationModel[];

  static from(r: Reputation): ReputationModel {
    return Object.assign(new ReputationModel(), {
      overall: ReputationFiguresModel.from(r.overall),
      skills: r.skills.map((s) => SkillReputationModel.fromSkill(s)),
    });
  }
}
