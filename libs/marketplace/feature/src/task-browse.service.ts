import { Injectable } from '@nestjs/common';
import {
  ConnectionShape,
  isAdmin,
  KeysetOptions,
  keysetConnection,
  Viewer,
} from '@splitwork/api-kit';
import { DomainError } from '@splitwork/kernel';
import {
  DEFAULT_REPUTATION_POLICY,
  MatchScore,
  rankTasksForFreelancer,
  skillKey,
} from '@splitwork/marketplace-core';
import { ProjectFundingGateway, ProjectSummary } from '@splitwork/planning';
import { BrowseTasksArgs } from './dto/browse-tasks.args';
import { SkillMatchEnum } from './dto/skill-match.enum';
import { TaskSortEnum } from './dto/task-sort.enum';
import { ProfileRepository } from './profile.repository';
import { TaskEntity } from './task.entity';
import { TaskRepository } from './task.repository';

/** Upper bound of the candidate set ranked in memory for recommendations. */
export const RECOMMENDATION_CANDIDATES = 500;

const SORTS: Record<
  TaskSortEnum,
  Pick<KeysetOptions<TaskEntity>, 'sortColumn' | 'direction' | 'sortType'>
> = {
  [TaskSortEnum.NEWEST]: { sortColumn: 'created_at', direction: 'DESC', sortType: 'timestamp' },
  [TaskSortEnum.OLDEST]: { sortColumn: 'created_at', direction: 'ASC', sortType: 'timestamp' },
  [TaskSortEnum.PRICE_DESC]: { sortColumn: 'price_cents', direction: 'DESC', sortType: 'number' },
  [TaskSortEnum.PRICE_ASC]: { sortColumn: 'price_cents', direction: 'ASC', sortType: 'number' },
  [TaskSortEnum.ESTIMATE_ASC]: {
    sortColumn: 'likely_hours',
    direction: 'ASC',
    sortType: 'number',
  },
};

export interface Recommendation {
  task: TaskEntity;
  match: MatchScore;
}

/** Browsing and recommendations: read-only views of the OPEN tasks a freelancer may see. */
@Injectable()
export class TaskBrowseService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly projects: ProjectFundingGateway,
    private readonly profiles: ProfileRepository,
  ) {}

  /** Public summaries of projects (no brief, budget or rate card), for a page of tasks. */
  projectSummaries(ids: readonly string[]): Promise<ProjectSummary[]> {
    return this.projects.publicSummaries(ids);
  }

  async openTasks<Node>(
    viewer: Viewer,
    args: BrowseTasksArgs,
    toNode: (t: TaskEntity) => Node,
  ): Promise<ConnectionShape<Node>> {
    checkRange('PriceCents', args.minPriceCents, args.maxPriceCents);
    checkRange('LikelyHours', args.minLikelyHours, args.maxLikelyHours);
    // An admin browsing sees private pools' tasks too.
    const query = this.tasks.openQuery(isAdmin(viewer) ? null : { freelancerId: viewer.id }, {
      projectId: args.projectId,
      platform: args.platform,
      minPriceCents: args.minPriceCents,
      maxPriceCents: args.maxPriceCents,
      minLikelyHours: args.minLikelyHours,
      maxLikelyHours: args.maxLikelyHours,
      skills: [...new Set((args.skills ?? []).map(skillKey).filter((s) => s.length > 0))],
      allSkills: args.skillMatch === SkillMatchEnum.ALL,
    });
    const sort = SORTS[args.sort];
    return keysetConnection(
      query,
      {
        alias: 't',
        ...sort,
        first: args.first,
        after: args.after,
        exactSortValue: true,
        sortValueOf: (t) => t.createdAt.toISOString(),
      },
      toNode,
    );
  }

  /**
   * OPEN tasks the caller may see that need at least one of their skills (in
   * SQL, newest first, at most RECOMMENDATION_CANDIDATES), ranked by the
   * marketplace-core matching; only tasks they qualify for.
   */
  async recommended(viewer: Viewer, first: number): Promise<Recommendation[]> {
    const profile = await this.profiles.freelancer(viewer.id);
    if (!profile || profile.skills.length === 0) {
      throw DomainError.badInput(
        'Fill in your freelancer profile (skills, rate, weekly hours) to get recommendations',
        { field: 'profile' },
      );
    }
    const skills = [...new Set(profile.skills.map((s) => skillKey(s.skill)))];
    // Only what the caller could take, an admin included.
    const candidates = await this.tasks.openNeedingAnyOf(
      viewer.id,
      skills,
      RECOMMENDATION_CANDIDATES,
    );
    const committedHours = await this.tasks.claimedHours(viewer.id);
    const byId = new Map(candidates.map((t) => [t.id, t]));
    const ranked = rankTasksForFreelancer(
      {
        id: viewer.id,
        skills: profile.skills,
        hourlyRateCents: profile.hourlyRateCents ?? 0,
        weeklyHours: profile.weeklyHours,
        committedHours,
        reputation: profile.reputation ?? DEFAULT_REPUTATION_POLICY.priorMean,
      },
      candidates.map((t) => ({
        id: t.id,
        skills: t.skills,
        likelyHours: t.estimate.likely,
        hourlyRateCents: t.estimate.likely > 0 ? t.priceCents / t.estimate.likely : t.priceCents,
        minReputation: t.minReputation,
      })),
      { limit: first },
    );
    return ranked.map((match) => ({ task: byId.get(match.taskId)!, match }));
  }
}

function checkRange(name: string, min?: number | null, max?: number | null): void {
  if (min !== undefined && min !== null && max !== undefined && max !== null && min > max) {
    throw DomainError.badInput(`min${name} must not exceed max${name}`, {
      field: `min${name}`,
      min,
      max,
    });
  }
}
