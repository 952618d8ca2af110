import type { ReviewEntity } from './review.entity';
import type { TaskEntity } from './task.entity';

/**
 * Raised in the review's transaction once the review is stored, after the
 * task's own transition (whose TaskTransitioned ran before the review row
 * existed): carries the verdict, feedback and scorecard.
 */
export class TaskReviewed {
  constructor(
    readonly task: TaskEntity,
    readonly review: ReviewEntity,
  ) {}
}
