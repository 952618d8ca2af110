import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@splitwork/database';
import { TaskControlsService } from '@splitwork/marketplace';
import { ProjectCancelled } from '@splitwork/planning';

/**
 * Project cancellation, in the transaction of payments' CancellationService
 * (refund of what escrow still holds; planning marks the project CANCELLED
 * and raises ProjectCancelled):
 *
 *   ProjectCancelled
 *     1. marketplace: every task not yet delivered is CANCELLED; a task awaiting
 *        review refuses the cancellation (INVALID_TRANSITION, nothing changes)
 *        → each cancellation is a TaskTransitioned (task-lifecycle.flow.ts)
 */
@Injectable()
export class CancellationFlow implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly taskControls: TaskControlsService,
  ) {}

  onModuleInit(): void {
    this.events.on(ProjectCancelled, async ({ projectId }, manager) => {
      await this.taskControls.withdrawProject(projectId, manager);
    });
  }
}
