import { Field, ObjectType } from '@nestjs/graphql';
import { BriefLineModel } from './brief-line.model';
import { ProjectModel } from './project.model';

@ObjectType('ReclassifyBriefLinePayload')
export class ReclassifyBriefLinePayload {
  @Field(() => ProjectModel)
  project!: ProjectModel;

  @Field(() => BriefLineModel, { description: 'The line as the next planning run reads it.' })
  briefLine!: BriefLineModel;
}
