import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@splitwork/api-kit';
import { ProjectModel } from './project.model';

@ObjectType('ProjectConnection')
export class ProjectConnection extends Connection(ProjectModel, 'Project') {}
