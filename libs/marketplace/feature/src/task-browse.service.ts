import { Injectable } from '@nestjs/common';
import { ConnectionArgs, ConnectionShape, isAdmin, Viewer } from '@splitwork/api-kit';
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
import { REVIEWERS_ONLY } from './reviewer-access';
import { FeedRow, FeedSelection, TaskFeedRepository } from './task-feed.repository';
import { OLDEST_FIRST, taskConnection, taskPage, TaskPageSort } from './task-page.connection';
import { TaskEntity } from './task.entity';
import { TaskRepository } from './task.repository';

/** Upper bound of the candidate set ranked in memory for recommendations. */
export const RECOMMENDATION_CANDIDATES = 500;

const SORTS: Record<TaskSortEnum, TaskPageSort> = {
  [TaskSortEnum.NEWEST]: {
    feed: { column: 'created_at', direction: 'DESC', sqlType: 'timestamptz' },
    sortType: 'timestamp',
  },
  [TaskSortEnum.OLDEST]: {
    feed: { column: 'created_at', direction: 'ASC', sqlType: 'timestamptz' },
    sortType: 'timestamp',
  },
  [TaskSortEnum.PRICE_DESC]: {
    feed: { column: 'price_cents', direction: 'DESC', sqlType: 'bigint' },
    sortType: 'number',
  },
  [TaskSortEnum.PRICE_ASC]: {
    feed: { column: 'price_cents', direction: 'ASC', sqlType: 'bigint' },
    sortType: 'number',
  },
  [TaskSortEnum.ESTIMATE_ASC]: {
    feed: { column: 'likely_hours', direction: 'ASC', sqlType: 'numeric' },
    sortType: 'number',
  },
};

export interface Recommendation {
  task: TaskEntity;
  match: MatchScore;
}

/**
 * Read-only pages of tasks: browsing and recommendations of the OPEN tasks a
 * freelancer may see, the freelancer's own tasks and the review queue.
 */
@Injectable()
export class TaskBrowseService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly feed: TaskFeedRepository,
    private readonly projects: ProjectFundingGateway,
    private readonly profiles: ProfileRepository,
  ) {}

  /** Public summaries of projects (no brief, budget or rate card), for a page of tasks. */
  projectSummaries(ids: readonly string[]): Promise<ProjectSummary[]> {
    return this.projects.publicSummaries(ids);
  }

  /**
   * A page of OPEN tasks the viewer may see (an admin: every pool's), with
   * what `selection` asks for, in one statement (TaskFeedRepository).
   */
  async openTasks(
    viewer: Viewer,
    args: BrowseTasksArgs,
    selection: FeedSelection,
  ): Promise<ConnectionShape<FeedRow>> {
    checkRange('PriceCents', args.minPriceCents, args.maxPriceCents);
    checkRange('LikelyHours', args.minLikelyHours, args.maxLikelyHours);
    const sort = SORTS[args.sort];
    const rows = await this.feed.page(
      {
        kind: 'open',
        viewer: isAdmin(viewer) ? null : { freelancerId: viewer.id },
        filter: {
          projectId: args.projectId,
          platform: args.platform,
          minPriceCents: args.minPriceCents,
          maxPriceCents: args.maxPriceCents,
          minLikelyHours: args.minLikelyHours,
          maxLikelyHours: args.maxLikelyHours,
          skills: [...new Set((args.skills ?? []).map(skillKey).filter((s) => s.length > 0))],
          allSkills: args.skillMatch === SkillMatchEnum.ALL,
        },
      },
      taskPage(sort, args.first, args.after),
      selection,
    );
    return taskConnection(rows, sort, args.first, args.after);
  }

  /** The tasks the caller holds or held, oldest first, with what `selection` asks for, in one statement. */
  async assigned(
    viewer: Viewer,
    args: ConnectionArgs,
    selection: FeedSelection,
  ): Promise<ConnectionShape<FeedRow>> {
    const rows = await this.feed.page(
      { kind: 'assigned', freelancerId: viewer.id },
      taskPage(OLDEST_FIRST, args.first, args.after),
      selection,
    );
    return taskConnection(rows, OLDEST_FIRST, args.first, args.after);
  }

  /**
   * The submitted tasks the caller may review now, oldest first (an approved
   * reviewer or admin as the database says; others FORBIDDEN), with what
   * `selection` asks for, the role check included, in one statement.
   */
  async reviewQueue(
    viewer: Viewer,
    args: ConnectionArgs,
    selection: FeedSelection,
  ): Promise<ConnectionShape<FeedRow>> {
    const { mayReview, rows } = await this.feed.reviewQueuePage(
      viewer.id,
      taskPage(OLDEST_FIRST, args.first, args.after),
      selection,
    );
    if (!mayReview) throw DomainError.forbidden(REVIEWERS_ONLY);
    return taskConnection(rows, OLDEST_FIRST, args.first, args.after);
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
