import { Field, ObjectType } from '@nestjs/graphql';
import { ProjectModel } from './project.model';

@ObjectType('CreateProjectPayload')
export class CreateProjectPayload {
  @Field(() => ProjectModel)
  project!: ProjectModel;
}
