import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Authenticated, CurrentViewer, keysetConnection, Viewer } from '@splitwork/api-kit';
import { Role } from '@splitwork/kernel';
import { ApplyAsReviewerInput } from './dto/apply-as-reviewer.input';
import { DecideReviewerApplicationInput } from './dto/decide-reviewer-application.input';
import { ReviewerApplicationConnection } from './dto/reviewer-application-connection.model';
import { ReviewerApplicationModel } from './dto/reviewer-application.model';
import { ReviewerApplicationPayload } from './dto/reviewer-application.payload';
import { ReviewerApplicationsArgs } from './dto/reviewer-applications.args';
import { ReviewerApplicationEntity } from './reviewer-application.entity';
import { ReviewerApplicationService } from './reviewer-application.service';

const payload = (entity: ReviewerApplicationEntity): ReviewerApplicationPayload => ({
  application: ReviewerApplicationModel.from(entity),
});

@Resolver(() => ReviewerApplicationModel)
export class ReviewerApplicationResolver {
  constructor(private readonly applications: ReviewerApplicationService) {}

  @Authenticated()
  @Mutation(() => ReviewerApplicationPayload, {
    description:
      'Asks to become a reviewer: an admin approves or refuses; a refused applicant may apply again 30 days after the decision.',
  })
  async applyAsReviewer(
    @Args('input') input: ApplyAsReviewerInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ReviewerApplicationPayload> {
    return payload(await this.applications.apply(viewer, input.motivation ?? null));
  }

  @Authenticated()
  @Query(() => ReviewerApplicationModel, {
    nullable: true,
    description: "The caller's latest reviewer application and its decision, if any.",
  })
  async myReviewerApplication(
    @CurrentViewer() viewer: Viewer,
  ): Promise<ReviewerApplicationModel | null> {
    const mine = await this.applications.mine(viewer);
    return mine && ReviewerApplicationModel.from(mine);
  }

  @Authenticated(Role.ADMIN)
  @Query(() => ReviewerApplicationConnection, {
    description: 'Reviewer applications, oldest first, optionally of one status (admin).',
  })
  reviewerApplications(
    @Args() args: ReviewerApplicationsArgs,
  ): Promise<ReviewerApplicationConnection> {
    return keysetConnection(
      this.applications.listQuery(args.status ?? null),
      {
        alias: 'a',
        sortColumn: 'created_at',
        direction: 'ASC',
        first: args.first,
        after: args.after,
        sortValueOf: (a: ReviewerApplicationEntity) => a.createdAt.toISOString(),
      },
      (a) => ReviewerApplicationModel.from(a),
    );
  }

  @Authenticated(Role.ADMIN)
  @Mutation(() => ReviewerApplicationPayload, {
    description:
      'Approves (the applicant becomes a REVIEWER from their next session) or refuses, with a reason, a waiting reviewer application (admin).',
  })
  async decideReviewerApplication(
    @Args('input') input: DecideReviewerApplicationInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ReviewerApplicationPayload> {
    return payload(
      await this.applications.decide(viewer, input.applicationId, input.decision, input.reason),
    );
  }
}
