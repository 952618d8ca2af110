import type { Plan } from '@splitwork/planning-core';
import type { ProjectEntity } from './project.entity';

/** Raised in the funding's transaction once a project is FUNDED and has a plan. */
export class ProjectFunded {
  constructor(
    readonly project: ProjectEntity,
    readonly plan: Plan,
  ) {}
}

/** Raised in the cancellation's transaction once a project is CANCELLED; a handler that throws refuses it. */
export class ProjectCancelled {
  constructor(readonly projectId: string) {}
}
