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

  /**
   * Open reputation: an owner, a reviewer or an admin reads any freelancer's
   * profile with the full breakdown (per-skill scores, on-time and revision
   * rates with their sample counts), as the freelancer reads it. Any
   * freelancer, not only those near the caller's tasks: a profile is what a
   * freelancer shows to be hired (as Upwork shows profiles publicly), owners
   * need it before anyone applied (to offer a task or fill a talent pool),
   * and the figures hold nothing private (no client, task or comment). A
   * freelancer does not read other freelancers' profiles (they compete for
   * the same tasks); an id that is not a freelancer's gives NOT_FOUND.
   */
  @Authenticated(Role.OWNER, Role.REVIEWER, Role.ADMIN)
  @Query(() => FreelancerProfileViewModel, {
    description:
      "Any freelancer's public profile with the full reputation breakdown (owners, reviewers, admins).",
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
