import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@splitwork/api-kit';
import { PayoutModel } from './payout.model';

@ObjectType('PayoutConnection')
export class PayoutConnection extends Connection(PayoutModel, 'Payout') {}
