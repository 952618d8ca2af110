import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isAdmin, requireOwnerOrAdmin, Viewer } from '@splitwork/api-kit';
import { UserRepository } from '@splitwork/identity';
import { DomainError, Role } from '@splitwork/kernel';
import { ProjectFundingGateway } from '@splitwork/planning';
import { TalentPoolRepository } from './talent-pool.repository';
import { TaskEntity } from './task.entity';
import { TaskRepository } from './task.repository';

export interface OrganizationView {
  id: string;
  name: string;
  createdBy: string;
  memberIds: string[];
}

export interface TalentPoolCommand {
  projectId: string;
  freelancerIds?: string[] | null;
  organizationId?: string | null;
}

/**
 * Who may work on a project: organizations of freelancers (administered by
 * their creator), a project's private pool (a list of freelancers or one
 * organization), and a task's minimum reputation. The gate itself is
 * EligibilityService; this only writes what it reads.
 */
@Injectable()
export class TalentPoolService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectFundingGateway,
    private readonly tasks: TaskRepository,
    private readonly pools: TalentPoolRepository,
    private readonly users: UserRepository,
  ) {}

  async createOrganization(viewer: Viewer, name: string): Promise<OrganizationView> {
    const trimmed = name.trim();
    if (trimmed.length < 1 || trimmed.length > 100) {
      throw DomainError.badInput('An organization name has 1 to 100 characters', {
        field: 'name',
      });
    }
    const id = await this.pools.createOrganization(trimmed, viewer.id);
    return { id, name: trimmed, createdBy: viewer.id, memberIds: [] };
  }

  async addMembers(
    viewer: Viewer,
    organizationId: string,
    userIds: string[],
  ): Promise<OrganizationView> {
    await this.requireOrganizationAdmin(viewer, organizationId);
    const ids = [...new Set(userIds)];
    await this.requireFreelancers(ids, 'userIds');
    await this.dataSource.transaction(async (manager) => {
      for (const id of ids) await this.pools.addMember(organizationId, id, manager);
    });
    return this.organization(organizationId);
  }

  async removeMembers(
    viewer: Viewer,
    organizationId: string,
    userIds: string[],
  ): Promise<OrganizationView> {
    await this.requireOrganizationAdmin(viewer, organizationId);
    await this.pools.removeMembers(organizationId, userIds);
    return this.organization(organizationId);
  }

  /** Replaces the project's pool: exactly one of a freelancer list or an organization of the caller's. */
  async setProjectPool(viewer: Viewer, command: TalentPoolCommand): Promise<void> {
    await this.requireProjectOwner(viewer, command.projectId);
    const hasList = command.freelancerIds != null;
    const hasOrganization = command.organizationId != null;
    if (hasList === hasOrganization) {
      throw DomainError.badInput('Give either freelancerIds or organizationId, not both', {
        field: 'freelancerIds',
      });
    }
    const freelancerIds = [...new Set(command.freelancerIds ?? [])];
    if (hasList) {
      if (freelancerIds.length === 0) {
        throw DomainError.badInput('A talent pool lists at least one freelancer', {
          field: 'freelancerIds',
        });
      }
      await this.requireFreelancers(freelancerIds, 'freelancerIds');
    } else {
      await this.requireOrganizationAdmin(viewer, command.organizationId!);
    }
    await this.dataSource.transaction(async (manager) => {
      await this.pools.deletePool(command.projectId, manager);
      await this.pools.insertPool(
        command.projectId,
        command.organizationId ?? null,
        freelancerIds,
        manager,
      );
    });
  }

  /** The project is public again. */
  async clearProjectPool(viewer: Viewer, projectId: string): Promise<void> {
    await this.requireProjectOwner(viewer, projectId);
    await this.dataSource.transaction((manager) => this.pools.deletePool(projectId, manager));
  }

  /** The owner's qualification gate on one task (1–5), or null for none. */
  async setMinReputation(
    viewer: Viewer,
    taskId: string,
    minReputation: number | null,
  ): Promise<TaskEntity> {
    if (minReputation !== null && !(minReputation >= 1 && minReputation <= 5)) {
      throw DomainError.badInput('A minimum reputation lies between 1 and 5', {
        field: 'minReputation',
        value: minReputation,
      });
    }
    const task = await this.tasks.findById(taskId);
    if (!task) throw DomainError.notFound('Task', taskId);
    const project = await this.projects.findById(task.projectId);
    requireOwnerOrAdmin(viewer, project?.ownerId ?? '', 'Task', taskId);
    await this.tasks.setMinReputation(taskId, minReputation);
    return (await this.tasks.findById(taskId))!;
  }

  private async organization(id: string): Promise<OrganizationView> {
    const row = await this.pools.organization(id);
    if (!row) throw DomainError.notFound('Organization', id);
    return { ...row, memberIds: await this.pools.memberIds(id) };
  }

  /** NOT_FOUND unless the viewer created the organization or is an admin. */
  private async requireOrganizationAdmin(viewer: Viewer, organizationId: string): Promise<void> {
    const organization = await this.organization(organizationId);
    if (organization.createdBy !== viewer.id && !isAdmin(viewer)) {
      throw DomainError.notFound('Organization', organizationId);
    }
  }

  private async requireProjectOwner(viewer: Viewer, projectId: string): Promise<void> {
    const project = await this.projects.findById(projectId);
    if (!project) throw DomainError.notFound('Project', projectId);
    requireOwnerOrAdmin(viewer, project.ownerId, 'Project', projectId);
  }

  /** BAD_USER_INPUT naming the field unless every id is a freelancer's. */
  private async requireFreelancers(ids: string[], field: string): Promise<void> {
    if (ids.length === 0) return;
    const freelancers = await this.users.idsWithRole(ids, Role.FREELANCER);
    if (freelancers.length !== ids.length) {
      const found = new Set(freelancers);
      throw DomainError.badInput('Every member must be a freelancer', {
        field,
        unknown: ids.filter((id) => !found.has(id)),
      });
    }
  }
}
