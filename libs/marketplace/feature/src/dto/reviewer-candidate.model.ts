import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ReviewerCandidate } from '../reviewer-finder.repository';
import { ReviewerProfileModel } from './reviewer-profile.model';

@ObjectType('ReviewerCandidate', {
  description: "An approved reviewer who could be the project's expert.",
})
export class ReviewerCandidateModel {
  @Field(() => ID, { description: 'The id `assignReviewer` takes.' })
  reviewerId!: string;

  @Field()
  displayName!: string;

  @Field(() => ReviewerProfileModel)
  profile!: ReviewerProfileModel;

  @Field(() => Int, {
    description: "The project's tasks whose every required skill the reviewer holds at the level.",
  })
  coveredTasks!: number;

  @Field(() => Int, { description: "The project's tasks (cancelled ones left out)." })
  projectTasks!: number;

  @Field(() => Int, { description: 'Reviews the reviewer has written.' })
  reviewsWritten!: number;

  @Field(() => Int, { description: 'Of those, approvals.' })
  approvalsWritten!: number;

  static from(c: ReviewerCandidate): ReviewerCandidateModel {
    return Object.assign(new ReviewerCandidateModel(), {
      reviewerId: c.userId,
      displayName: c.displayName,
      profile: Object.assign(new ReviewerProfileModel(), {
        skills: c.skills.map((s) => ({ skill: s.skill, minLevel: s.level })),
      }),
      coveredTasks: c.coveredTasks,
      projectTasks: c.projectTasks,
      reviewsWritten: c.reviewsWritten,
      approvalsWritten: c.approvalsWritten,
    });
  }
}
