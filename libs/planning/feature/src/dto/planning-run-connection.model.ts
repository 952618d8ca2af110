import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@splitwork/api-kit';
import { PlanningRunModel } from './planning-run.model';

@ObjectType('PlanningRunConnection')
export class PlanningRunConnection extends Connection(PlanningRunModel, 'PlanningRun') {}
