import { Field, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '@splitwork/api-kit';
import { WorkPlatform } from './work-platform.enum';
import { EstimateModel } from './estimate.model';
import { SkillRequirementModel } from './skill-requirement.model';

@ObjectType('PlanTask')
export class PlanTaskModel {
  @Field({ description: 'Stable id of the task within the plan.' })
  key!: string;

  @Field()
  featureKey!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field(() => [String], { description: 'A checklist a reviewer can score.' })
  acceptanceCriteria!: string[];

  @Field(() => [SkillRequirementModel])
  skills!: SkillRequirementModel[];

  @Field(() => WorkPlatform)
  platform!: WorkPlatform;

  @Field(() => EstimateModel)
  estimate!: EstimateModel;

  @Field(() => MoneyModel, {
    description: 'Expected hours × the rate of the highest skill level required.',
  })
  price!: MoneyModel;

  @Field(() => [String], { description: 'Keys of the tasks that must be done first.' })
  dependsOn!: string[];

  @Field(() => [String], { description: 'Ids of the brief requirements this task traces to.' })
  requirementIds!: string[];

  @Field({ description: 'Locked tasks are kept as they are by a re-plan.' })
  locked!: boolean;

  @Field({
    description: 'Added by the owner: a re-plan keeps it (as it is) until the owner removes it.',
  })
  addedByOwner!: boolean;
}
