import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
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
import { BrowseTasksArgs, SkillMatchEnum, TaskSortEnum } from './dto/task-browse.models';
import { visibleToFreelancer } from './eligibility.service';
import { FreelancerProfileEntity } from './freelancer-profile.entity';
import { TaskEntity } from './task.entity';

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

export type MarketProjectSummary = ProjectSummary;

export interface Recommendation {
  task: TaskEntity;
  match: MatchScore;
}

/** Browsing and recommendations: read-only views of the OPEN tasks a freelancer may see. */
@Injectable()
export class TaskBrowseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectFundingGateway,
  ) {}

  /** Public summaries of projects (no brief, budget or rate card), for a page of tasks. */
  projectSummaries(ids: readonly string[]): Promise<MarketProjectSummary[]> {
    return this.projects.publicSummaries(ids);
  }

  /**
   * Open tasks the viewer may see: an admin sees private pools' tasks too,
   * unless `claimableOnly` (what they themselves could take).
   */
  private openVisibleTo(viewer: Viewer, claimableOnly = false) {
    const query = this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .where(`t.status = 'OPEN'`);
    if (isAdmin(viewer) && !claimableOnly) return query;
    return query.andWhere(visibleToFreelancer('t', 'viewerId'), { viewerId: viewer.id });
  }

  async openTasks<Node>(
    viewer: Viewer,
    args: BrowseTasksArgs,
    toNode: (t: TaskEntity) => Node,
  ): Promise<ConnectionShape<Node>> {
    checkRange('PriceCents', args.minPriceCents, args.maxPriceCents);
    checkRange('LikelyHours', args.minLikelyHours, args.maxLikelyHours);
    const query = this.openVisibleTo(viewer);
    if (args.projectId) query.andWhere('t.project_id = :projectId', { projectId: args.projectId });
    if (args.platform) query.andWhere('t.platform = :platform', { platform: args.platform });
    if (args.minPriceCents !== undefined && args.minPriceCents !== null)
      query.andWhere('t.price_cents >= :minPrice', { minPrice: args.minPriceCents });
    if (args.maxPriceCents !== undefined && args.maxPriceCents !== null)
      query.andWhere('t.price_cents <= :maxPrice', { maxPrice: args.maxPriceCents });
    if (args.minLikelyHours !== undefined && args.minLikelyHours !== null)
      query.andWhere('t.likely_hours >= :minHours', { minHours: args.minLikelyHours });
    if (args.maxLikelyHours !== undefined && args.maxLikelyHours !== null)
      query.andWhere('t.likely_hours <= :maxHours', { maxHours: args.maxLikelyHours });
    const skills = [...new Set((args.skills ?? []).map(skillKey).filter((s) => s.length > 0))];
    if (skills.length > 0) {
      if (args.skillMatch === SkillMatchEnum.ALL) {
        query.andWhere('t.skills @> CAST(:allSkills AS jsonb)', {
          allSkills: JSON.stringify(skills.map((skill) => ({ skill }))),
        });
      } else {
        addAnySkill(query, skills, 'skill');
      }
    }
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
    const profile = await this.dataSource
      .getRepository(FreelancerProfileEntity)
      .findOneBy({ userId: viewer.id });
    if (!profile || profile.skills.length === 0) {
      throw DomainError.badInput(
        'Fill in your freelancer profile (skills, rate, weekly hours) to get recommendations',
        { field: 'profile' },
      );
    }
    const skills = [...new Set(profile.skills.map((s) => skillKey(s.skill)))];
    const query = this.openVisibleTo(viewer, true);
    addAnySkill(query, skills, 'rec');
    const candidates = await query
      .orderBy('t.created_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(RECOMMENDATION_CANDIDATES)
      .getMany();
    const [committed] = await this.dataSource.query<{ hours: string | null }[]>(
      `SELECT sum(likely_hours) AS hours FROM marketplace_tasks WHERE assignee_id = $1 AND status = 'CLAIMED'`,
      [viewer.id],
    );
    const byId = new Map(candidates.map((t) => [t.id, t]));
    const ranked = rankTasksForFreelancer(
      {
        id: viewer.id,
        skills: profile.skills,
        hourlyRateCents: profile.hourlyRateCents ?? 0,
        weeklyHours: profile.weeklyHours,
        committedHours: Number(committed?.hours ?? 0),
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

/** A task requiring at least one of `skills`: OR of jsonb containments, served by the GIN index. */
function addAnySkill(
  query: SelectQueryBuilder<TaskEntity>,
  skills: string[],
  prefix: string,
): void {
  const params: Record<string, string> = {};
  const terms = skills.map((skill, i) => {
    params[`${prefix}${i}`] = JSON.stringify([{ skill }]);
    return `t.skills @> CAST(:${prefix}${i} AS jsonb)`;
  });
  query.andWhere(`(${terms.join(' OR ')})`, params);
}
