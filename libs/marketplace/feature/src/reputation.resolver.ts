import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Authenticated, CurrentViewer, Viewer } from '@splitwork/api-kit';
import { DomainError, Role } from '@splitwork/kernel';
import { FreelancerProfileViewModel } from './dto/freelancer-profile-view.model';
import { RateTaskInput } from './dto/rate-task.input';
import { RateTaskPayload } from './dto/rate-task.payload';
import { ReputationModel } from './dto/reputation.model';
import { TaskRatingModel } from './dto/task-rating.model';
import { ProfileService } from './profile.service';
import { ReputationService } from './reputation.service';

/** Profiles as read by their freelancer and by the people who hire or review them; reputation; owner ratings. */
@Resolver()
export class ReputationResolver {
  constructor(
    private readonly reputation: ReputationService,
    private readonly profiles: ProfileService,
  ) {}

  private async profileView(userId: string): Promise<FreelancerProfileViewModel> {
    return FreelancerProfileViewModel.from(
      await this.profiles.freelancer(userId),
      await this.reputation.reputationOf(userId),
    );
  }

  @Authenticated(Role.FREELANCER)
  @Query(() => FreelancerProfileViewModel, { description: "The caller's own profile." })
  myFreelancerProfile(@CurrentViewer() viewer: Viewer): Promise<FreelancerProfileViewModel> {
    return this.profileView(viewer.id);
  }

  @Authenticated(Role.OWNER, Role.REVIEWER, Role.ADMIN)
  @Query(() => FreelancerProfileViewModel, {
    description: "A freelancer's public profile with a reputation summary.",
  })
  freelancerProfile(
    @Args(
      'userId',
      { type: () => ID },
      // Not an id of ours: no such profile, before the database sees it.
      new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('Freelancer profile') }),
    )
    userId: string,
  ): Promise<FreelancerProfileViewModel> {
    return this.profileView(userId);
  }

  @Authenticated(Role.FREELANCER)
  @Query(() => ReputationModel, {
    description: "The caller's reputation with every figure it is made of, overall and per skill.",
  })
  async myReputation(@CurrentViewer() viewer: Viewer): Promise<ReputationModel> {
    return ReputationModel.from(await this.reputation.reputationOf(viewer.id));
  }

  @Authenticated(Role.OWNER)
  @Mutation(() => RateTaskPayload, {
    description: "The project's owner rates approved work (1–5), once per task.",
  })
  async rateTask(
    @Args('input') input: RateTaskInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<RateTaskPayload> {
    const record = await this.reputation.rateTask(viewer, input);
    return { rating: TaskRatingModel.from(record) };
  }
}
