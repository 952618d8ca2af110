import { Injectable } from '@nestjs/common';
import { ConnectionShape, decodeCursor, encodeCursor, isAdmin, Viewer } from '@splitwork/api-kit';
import { DomainError } from '@splitwork/kernel';
import { ProjectFundingGateway } from '@splitwork/planning';
import { ProjectReviewerRepository } from './project-reviewer.repository';
import {
  CandidatePosition,
  ReviewerCandidate,
  ReviewerFinderRepository,
} from './reviewer-finder.repository';

/** Owners find the reviewers they could make their project's expert. */
@Injectable()
export class ReviewerFinderService {
  constructor(
    private readonly projects: ProjectFundingGateway,
    private readonly projectReviewers: ProjectReviewerRepository,
    private readonly finder: ReviewerFinderRepository,
  ) {}

  /**
   * Approved reviewers who fit the project's tasks and have no conflict of
   * interest with it, most covered tasks first (the project's owner, its
   * expert or an admin; anyone else NOT_FOUND).
   */
  async forProject(
    viewer: Viewer,
    projectId: string,
    first: number,
    after?: string,
  ): Promise<ConnectionShape<ReviewerCandidate>> {
    const project = await this.projects.findById(projectId);
    if (!project) throw DomainError.notFound('Project', projectId);
    if (
      !isAdmin(viewer) &&
      project.ownerId !== viewer.id &&
      !(await this.projectReviewers.isReviewer(projectId, viewer.id))
    ) {
      throw DomainError.notFound('Project', projectId);
    }
    const position = after ? positionOf(after) : null;
    const rows = await this.finder.forProject(projectId, first, position);
    const edges = rows.slice(0, first).map((c) => ({
      cursor: encodeCursor(c.coveredTasks, c.userId),
      node: c,
    }));
    return {
      edges,
      pageInfo: {
        hasNextPage: rows.length > first,
        hasPreviousPage: position !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }
}

function positionOf(cursor: string): CandidatePosition {
  const [coveredTasks, userId] = decodeCursor(cursor);
  if (
    typeof coveredTasks !== 'number' ||
    !Number.isInteger(coveredTasks) ||
    !/^[0-9a-f-]{36}$/i.test(userId)
  ) {
    throw DomainError.badInput('Invalid cursor', { field: 'after' });
  }
  return { coveredTasks, userId };
}
