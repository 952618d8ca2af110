import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@splitwork/api-kit';
import { TaskOfferModel } from './task-offer.model';

@ObjectType('TaskOfferConnection')
export class TaskOfferConnection extends Connection(TaskOfferModel, 'TaskOffer') {}
