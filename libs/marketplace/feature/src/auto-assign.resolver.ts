import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Authenticated, CurrentViewer, Viewer } from '@splitwork/api-kit';
import { Role } from '@splitwork/kernel';
import { AutoAssignService } from './auto-assign.service';
import { FreelancerRecommendationModel } from './dto/freelancer-recommendation.model';
import { ProjectAutoAssignModel } from './dto/project-auto-assign.model';
import { RecommendedFreelancersArgs } from './dto/recommended-freelancers.args';
import { SetProjectAutoAssignInput } from './dto/set-project-auto-assign.input';

@Resolver(() => FreelancerRecommendationModel)
export class AutoAssignResolver {
  constructor(private readonly autoAssign: AutoAssignService) {}

  @Authenticated(Role.OWNER)
  @Mutation(() => ProjectAutoAssignModel, {
    description:
      "Offers the project's OPEN tasks to the best-matched freelancers in turn before everyone (owner or admin).",
  })
  async setProjectAutoAssign(
    @Args('input') input: SetProjectAutoAssignInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ProjectAutoAssignModel> {
    const { projectId, ...settings } = input;
    const saved = await this.autoAssign.configure(viewer, projectId, settings);
    return Object.assign(new ProjectAutoAssignModel(), { projectId, ...saved });
  }

  @Authenticated(Role.OWNER, Role.REVIEWER)
  @Query(() => [FreelancerRecommendationModel], {
    description:
      "Freelancers with every required skill, eligible ones first, best match first, with the score's breakdown (project owner, its expert, or admin).",
  })
  async recommendedFreelancers(
    @Args() args: RecommendedFreelancersArgs,
    @CurrentViewer() viewer: Viewer,
  ): Promise<FreelancerRecommendationModel[]> {
    const ranked = await this.autoAssign.recommendFreelancers(viewer, args.taskId, args.first);
    return ranked.map(({ match, refusals }) =>
      Object.assign(new FreelancerRecommendationModel(), {
        freelancerId: match.freelancerId,
        score: match.score,
        breakdown: match.components,
        eligible: refusals.length === 0,
        refusals: refusals.map((r) => r.reason),
      }),
    );
  }
}
