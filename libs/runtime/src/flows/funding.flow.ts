import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@splitwork/database';
import { TaskBoardService } from '@splitwork/marketplace';
import { ProjectFunded } from '@splitwork/planning';

/**
 * Funding, in the transaction of the funding webhook (payments' FundingService
 * records the payment, planning marks the project FUNDED and raises ProjectFunded):
 *
 *   ProjectFunded
 *     1. marketplace: the plan's tasks go on the board; those without pending
 *        dependencies are released to OPEN
 *        → each release is a TaskTransitioned (task-lifecycle.flow.ts):
 *          reputation, task events after commit, auto-assignment offers
 *
 * A step that throws rolls the funding back; the webhook is retried.
 */
@Injectable()
export class FundingFlow implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly taskBoard: TaskBoardService,
  ) {}

  onModuleInit(): void {
    this.events.on(ProjectFunded, async ({ project, plan }, manager) => {
      await this.taskBoard.publish(project, plan, manager);
    });
  }
}
