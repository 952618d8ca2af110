import type { AppealEntity } from './appeal.entity';
import type { TaskEntity } from './task.entity';

/** Raised in the decision's transaction once an appeal is UPHELD or OVERTURNED(_UNPAID). */
export class AppealDecided {
  constructor(
    readonly appeal: AppealEntity,
    readonly task: TaskEntity,
  ) {}
}
