import { Injectable } from '@nestjs/common';
import {
  checkSortValue,
  ConnectionShape,
  decodeCursor,
  encodeCursor,
  isAdmin,
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
import { FeedRow, FeedSelection, FeedSort, TaskFeedRepository } from './task-feed.repository';
import { TaskEntity } from './task.entity';
import { TaskRepository } from './task.repository';

/** Upper bound of the candidate set ranked in memory for recommendations. */
export const RECOMMENDATION_CANDIDATES = 500;

interface Sort {
  feed: FeedSort;
  /** What a cursor's sort value must be (checkSortValue). */
  sortType: 'timestamp' | 'number';
}

const SORTS: Record<TaskSortEnum, Sort> = {
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

const UUID = /^[0-9a-f-]{36}$/i;

/** The keyset position of a cursor of this sort; anything else is a BAD_USER_INPUT. */
function feedCursor(cursor: string, sort: Sort): { sortValue: string | number; id: string } {
  const [rawSortValue, id] = decodeCursor(cursor);
  const sortValue = checkSortValue(rawSortValue, sort.sortType);
  if (!UUID.test(id)) throw DomainError.badInput('Invalid cursor', { field: 'after' });
  return { sortValue, id };
}

export interface Recommendation {
  task: TaskEntity;
  match: MatchScore;
}

/** Browsing and recommendations: read-only views of the OPEN tasks a freelancer may see. */
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
    const after = args.after ? feedCursor(args.after, sort) : undefined;
    const rows = await this.feed.openPage(
      isAdmin(viewer) ? null : { freelancerId: viewer.id },
      {
        projectId: args.projectId,
        platform: args.platform,
        minPriceCents: args.minPriceCents,
        maxPriceCents: args.maxPriceCents,
        minLikelyHours: args.minLikelyHours,
        maxLikelyHours: args.maxLikelyHours,
        skills: [...new Set((args.skills ?? []).map(skillKey).filter((s) => s.length > 0))],
        allSkills: args.skillMatch === SkillMatchEnum.ALL,
      },
      { sort: sort.feed, limit: args.first + 1, after },
      selection,
    );
    const page = rows.slice(0, args.first);
    const edges = page.map((row) => ({
      cursor: encodeCursor(
        sort.sortType === 'number' ? Number(row.sortValue) : row.sortValue,
        row.id,
      ),
      node: row,
    }));
    return {
      edges,
      pageInfo: {
        hasNextPage: rows.length > args.first,
        hasPreviousPage: args.after !== undefined,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
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
