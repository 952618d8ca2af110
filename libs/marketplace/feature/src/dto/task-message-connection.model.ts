import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@splitwork/api-kit';
import { TaskMessageModel } from './task-message.model';

@ObjectType('TaskMessageConnection')
export class TaskMessageConnection extends Connection(TaskMessageModel, 'TaskMessage') {}
