import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@splitwork/api-kit';
import { TaskDisputeModel } from './task-dispute.model';

@ObjectType('DisputeConnection')
export class TaskDisputeConnection extends Connection(TaskDisputeModel, 'Dispute') {}
