import { Args, Query, Resolver } from '@nestjs/graphql';
import { Authenticated, CurrentViewer, Viewer } from '@splitwork/api-kit';
import { RecommendedReviewersArgs } from './dto/recommended-reviewers.args';
import { ReviewerCandidateConnection } from './dto/reviewer-candidate-connection.model';
import { ReviewerCandidateModel } from './dto/reviewer-candidate.model';
import { ReviewerFinderService } from './reviewer-finder.service';

@Resolver(() => ReviewerCandidateModel)
export class ReviewerFinderResolver {
  constructor(private readonly finder: ReviewerFinderService) {}

  // Any signed-in caller: whoever is not the owner, the expert or an admin gets NOT_FOUND.
  @Authenticated()
  @Query(() => ReviewerCandidateConnection, {
    description:
      "Approved reviewers the owner could make the project's expert (assignReviewer): those whose skills cover at least one of its tasks and who have no conflict of interest with it, most covered tasks first (project owner, its expert, or admin).",
  })
  async recommendedReviewers(
    @Args() args: RecommendedReviewersArgs,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ReviewerCandidateConnection> {
    const page = await this.finder.forProject(viewer, args.projectId, args.first, args.after);
    return {
      edges: page.edges.map((e) => ({
        cursor: e.cursor,
        node: ReviewerCandidateModel.from(e.node),
      })),
      pageInfo: page.pageInfo,
    };
  }
}
