import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@splitwork/api-kit';
import { AppealModel } from './appeal.model';

@ObjectType('AppealConnection')
export class AppealConnection extends Connection(AppealModel, 'Appeal') {}
