import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@splitwork/database';
import { AutoAssignService } from './auto-assign.service';
import { ReputationService } from './reputation.service';
import { TaskEventsService } from './task-events.service';
import { TaskTransitioned } from './task.repository';

/**
 * What follows every task state change, in the transaction that made it and
 * in this order (a step that throws rolls the change back):
 *
 *   TaskTransitioned
 *     1. reputation: the assignment record the change ends, and the score
 *     2. task events: status change (and "task opened") queued, published after commit
 *     3. auto-assignment: a task that became OPEN is offered to the next best match
 *        (the offer is itself a transition and runs this flow again)
 */
@Injectable()
export class TaskLifecycleFlow implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly reputation: ReputationService,
    private readonly taskEvents: TaskEventsService,
    private readonly autoAssign: AutoAssignService,
  ) {}

  onModuleInit(): void {
    this.events.on(TaskTransitioned, async (transition, manager) => {
      await this.reputation.recordTransition(transition, manager);
      await this.taskEvents.collect(transition, manager);
      await this.autoAssign.offerIfOpened(transition, manager);
    });
  }
}
