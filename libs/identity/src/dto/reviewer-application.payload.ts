import { Field, ObjectType } from '@nestjs/graphql';
import { ReviewerApplicationModel } from './reviewer-application.model';

@ObjectType('ReviewerApplicationPayload')
export class ReviewerApplicationPayload {
  @Field(() => ReviewerApplicationModel)
  application!: ReviewerApplicationModel;
}
