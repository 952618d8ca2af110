import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@splitwork/api-kit';
import { ReviewerCandidateModel } from './reviewer-candidate.model';

@ObjectType('ReviewerCandidateConnection')
export class ReviewerCandidateConnection extends Connection(
  ReviewerCandidateModel,
  'ReviewerCandidate',
) {}
