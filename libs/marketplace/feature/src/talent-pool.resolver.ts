import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Authenticated, CurrentViewer, Viewer } from '@splitwork/api-kit';
import { Role } from '@splitwork/kernel';
import { MarketTaskModel } from './dto/market-task.model';
import { CreateOrganizationInput } from './dto/create-organization.input';
import { OrganizationMembersInput } from './dto/organization-members.input';
import { OrganizationModel } from './dto/organization.model';
import { ProjectRefInput } from './dto/project-ref.input';
import { SetProjectTalentPoolInput } from './dto/set-project-talent-pool.input';
import { SetTaskMinReputationInput } from './dto/set-task-min-reputation.input';
import { OrganizationView, TalentPoolService } from './talent-pool.service';

const toModel = (o: OrganizationView): OrganizationModel =>
  Object.assign(new OrganizationModel(), { id: o.id, name: o.name, memberIds: o.memberIds });

@Resolver(() => OrganizationModel)
export class TalentPoolResolver {
  constructor(private readonly pools: TalentPoolService) {}

  @Authenticated(Role.OWNER)
  @Mutation(() => OrganizationModel, { description: 'An organization the caller administers.' })
  async createOrganization(
    @Args('input') input: CreateOrganizationInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<OrganizationModel> {
    return toModel(await this.pools.createOrganization(viewer, input.name));
  }

  @Authenticated(Role.OWNER)
  @Mutation(() => OrganizationModel, { description: "Adds freelancers (the creator's or admin)." })
  async addOrganizationMembers(
    @Args('input') input: OrganizationMembersInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<OrganizationModel> {
    return toModel(await this.pools.addMembers(viewer, input.organizationId, input.userIds));
  }

  @Authenticated(Role.OWNER)
  @Mutation(() => OrganizationModel, { description: "Removes members (the creator's or admin)." })
  async removeOrganizationMembers(
    @Args('input') input: OrganizationMembersInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<OrganizationModel> {
    return toModel(await this.pools.removeMembers(viewer, input.organizationId, input.userIds));
  }

  @Authenticated(Role.OWNER)
  @Mutation(() => Boolean, {
    description:
      "Makes the project private to a list of freelancers or one of the caller's organizations (owner or admin).",
  })
  async setProjectTalentPool(
    @Args('input') input: SetProjectTalentPoolInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<boolean> {
    await this.pools.setProjectPool(viewer, input);
    return true;
  }

  @Authenticated(Role.OWNER)
  @Mutation(() => Boolean, { description: 'Makes the project public again (owner or admin).' })
  async clearProjectTalentPool(
    @Args('input') input: ProjectRefInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<boolean> {
    await this.pools.clearProjectPool(viewer, input.projectId);
    return true;
  }

  @Authenticated(Role.OWNER)
  @Mutation(() => MarketTaskModel, {
    description: 'The minimum reputation (1–5) to claim or be offered the task, or null.',
  })
  async setTaskMinReputation(
    @Args('input') input: SetTaskMinReputationInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<MarketTaskModel> {
    return MarketTaskModel.from(
      await this.pools.setMinReputation(viewer, input.taskId, input.minReputation ?? null),
    );
  }
}
