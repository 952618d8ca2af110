/** Raised in the transaction that stores a planning run's plan (the run SUCCEEDED). */
export class PlanningRunSucceeded {
  constructor(
    readonly runId: string,
    readonly projectId: string,
    readonly ownerId: string,
    readonly projectTitle: string,
    readonly taskCount: number,
  ) {}
}

/** Raised in the transaction that records a planning run FAILED. */
export class PlanningRunFailed {
  constructor(
    readonly runId: string,
    readonly projectId: string,
    readonly ownerId: string,
    readonly projectTitle: string,
    readonly reason: string,
  ) {}
}
