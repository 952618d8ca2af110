import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Authenticated,
  byKeys,
  ConnectionArgs,
  ConnectionShape,
  CurrentViewer,
  GqlContext,
  keysetConnection,
  keysetConnections,
  MoneyModel,
  Viewer,
} from '@splitwork/api-kit';
import { Role } from '@splitwork/kernel';
import { ProjectModel } from '@splitwork/planning';
import { FundingModel } from './dto/funding.model';
import { FundProjectInput } from './dto/fund-project.input';
import { FundProjectPayload } from './dto/fund-project.payload';
import { OnboardingLinkModel } from './dto/onboarding-link.model';
import { PayoutAccountModel } from './dto/payout-account.model';
import { PayoutConnection } from './dto/payout-connection.model';
import { PayoutModel } from './dto/payout.model';
import { PayoutRefInput } from './dto/payout-ref.input';
import { ReversePayoutInput } from './dto/reverse-payout.input';
import { CancelProjectInput } from './dto/cancel-project.input';
import { CancelProjectPayload } from './dto/cancel-project.payload';
import { CancellationService } from './cancellation.service';
import { FundingRepository } from './funding.repository';
import { FundingService } from './funding.service';
import { OnboardingService } from './onboarding.service';
import { PayoutEntity } from './payout.entity';
import { PayoutRepository } from './payout.repository';
import { PayoutService } from './payout.service';

const newestFirst = (args: ConnectionArgs) => ({
  alias: 'p',
  sortColumn: 'created_at',
  direction: 'DESC' as const,
  first: args.first,
  after: args.after,
  sortValueOf: (p: PayoutEntity) => p.createdAt.toISOString(),
});

@Resolver()
export class PaymentsResolver {
  constructor(
    private readonly funding: FundingService,
    private readonly onboarding: OnboardingService,
    private readonly payouts: PayoutService,
    private readonly payoutRepository: PayoutRepository,
    private readonly cancellation: CancellationService,
  ) {}

  @Authenticated(Role.OWNER)
  @Mutation(() => CancelProjectPayload, {
    description: 'Cancels a project; a funded one gets its unspent escrow back.',
  })
  async cancelProject(
    @Args('input') input: CancelProjectInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<CancelProjectPayload> {
    await this.cancellation.cancel(viewer, input.projectId);
    return { cancelled: true };
  }

  @Authenticated(Role.ADMIN)
  @Mutation(() => PayoutModel, { description: 'Takes a paid transfer back on a dispute (admin).' })
  async reversePayout(@Args('input') input: ReversePayoutInput): Promise<PayoutModel> {
    return PayoutModel.from(await this.payouts.reverse(input.payoutId, input.reason));
  }

  @Authenticated(Role.OWNER)
  @Mutation(() => FundProjectPayload, {
    description: "Funds the plan's total plus fees into escrow; BUDGET_EXCEEDED over the budget.",
  })
  async fundProject(
    @Args('input') input: FundProjectInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<FundProjectPayload> {
    return { funding: FundingModel.from(await this.funding.fundProject(viewer, input.projectId)) };
  }

  @Authenticated(Role.FREELANCER, Role.REVIEWER)
  @Mutation(() => OnboardingLinkModel, {
    description:
      'Creates the payout account if needed and returns a fresh onboarding link (freelancers and reviewers).',
  })
  async startPayoutOnboarding(@CurrentViewer() viewer: Viewer): Promise<OnboardingLinkModel> {
    const link = await this.onboarding.startOnboarding(viewer);
    return {
      url: link.url,
      expiresAt: link.expiresAt,
      account: PayoutAccountModel.from(link.account)!,
    };
  }

  @Authenticated(Role.FREELANCER, Role.REVIEWER)
  @Query(() => PayoutAccountModel, {
    nullable: true,
    description: "The caller's payout account; null before onboarding.",
  })
  async myPayoutAccount(@CurrentViewer() viewer: Viewer): Promise<PayoutAccountModel | null> {
    return PayoutAccountModel.from(await this.onboarding.account(viewer.id));
  }

  @Authenticated(Role.FREELANCER, Role.REVIEWER)
  @Query(() => PayoutConnection, {
    description: "The caller's payouts (task prices and review fees), newest first.",
  })
  myPayouts(
    @Args() args: ConnectionArgs,
    @CurrentViewer() viewer: Viewer,
  ): Promise<PayoutConnection> {
    return keysetConnection(this.payoutRepository.ofFreelancer(viewer.id), newestFirst(args), (p) =>
      PayoutModel.from(p),
    );
  }

  @Authenticated(Role.ADMIN)
  @Query(() => PayoutConnection, { description: 'Payouts that failed, newest first (admin).' })
  failedPayouts(@Args() args: ConnectionArgs): Promise<PayoutConnection> {
    return keysetConnection(this.payoutRepository.failed(), newestFirst(args), (p) =>
      PayoutModel.from(p),
    );
  }

  @Authenticated(Role.ADMIN)
  @Query(() => PayoutConnection, {
    description: 'Payouts waiting for their payee to onboard, newest first (admin).',
  })
  waitingPayouts(@Args() args: ConnectionArgs): Promise<PayoutConnection> {
    return keysetConnection(this.payoutRepository.waiting(), newestFirst(args), (p) =>
      PayoutModel.from(p),
    );
  }

  @Authenticated(Role.ADMIN)
  @Mutation(() => PayoutModel, {
    description:
      "Queues a failed payout, or one waiting for onboarding, again (admin); a waiting payout's account is checked with the provider first.",
  })
  async retryPayout(@Args('input') input: PayoutRefInput): Promise<PayoutModel> {
    return PayoutModel.from(await this.payouts.retry(input.payoutId));
  }
}

/** Money fields of a project, for whoever may read the project (owner, admin). */
@Resolver(() => ProjectModel)
export class ProjectMoneyResolver {
  constructor(
    private readonly fundingRepository: FundingRepository,
    private readonly payoutService: PayoutService,
    private readonly payoutRepository: PayoutRepository,
  ) {}

  @ResolveField(() => FundingModel, {
    nullable: true,
    description: 'The latest funding of the project.',
  })
  funding(
    @Parent() project: ProjectModel,
    @Context() ctx: GqlContext,
  ): Promise<FundingModel | null> {
    const loader = ctx.loaders.get<string, FundingModel | null>(
      'funding.latestByProject',
      async (ids) =>
        byKeys(ids, await this.fundingRepository.latestOfProjects(ids), (f) => f.projectId).map(
          (f) => (f ? FundingModel.from(f) : null),
        ),
    );
    return loader.load(project.id);
  }

  @ResolveField(() => [MoneyModel], {
    description: 'What escrow holds for the project, per currency.',
  })
  escrowBalance(
    @Parent() project: ProjectModel,
    @Context() ctx: GqlContext,
  ): Promise<MoneyModel[]> {
    const loader = ctx.loaders.get<string, MoneyModel[]>('escrowBalance.byProject', async (ids) =>
      (await this.payoutService.escrowBalances(ids)).map((balances) =>
        balances.map((m) => MoneyModel.from(m)),
      ),
    );
    return loader.load(project.id);
  }

  @ResolveField(() => PayoutConnection, { description: 'Payouts for the tasks of the project.' })
  payouts(
    @Parent() project: ProjectModel,
    @Args() args: ConnectionArgs,
    @Context() ctx: GqlContext,
  ): Promise<PayoutConnection> {
    // One loader per page asked for: projects of a list share it.
    const loader = ctx.loaders.get<string, ConnectionShape<PayoutModel>>(
      `payouts.byProject:${JSON.stringify([args.first, args.after])}`,
      (ids) =>
        keysetConnections(
          this.payoutRepository.all(),
          ids,
          { ...newestFirst(args), partitionColumn: 'project_id', partitionOf: (p) => p.projectId },
          (p) => PayoutModel.from(p),
        ),
    );
    return loader.load(project.id);
  }
}
