import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@splitwork/api-kit';
import { MarketTaskModel } from './market-task.model';

@ObjectType('MarketTaskConnection')
export class MarketTaskConnection extends Connection(MarketTaskModel, 'MarketTask') {}
