import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@splitwork/api-kit';
import { ReviewerApplicationModel } from './reviewer-application.model';

@ObjectType('ReviewerApplicationConnection')
export class ReviewerApplicationConnection extends Connection(
  ReviewerApplicationModel,
  'ReviewerApplication',
) {}
