import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@splitwork/database';
import { TaskMessagePosted } from './task-message-posted.event';
import { TaskThreadEventsService } from './task-thread-events.service';

/**
 * What follows a new thread message, in the posting transaction:
 *
 *   TaskMessagePosted
 *     1. live delivery: queued, published to `taskMessagePosted` subscribers after commit
 *
 * (Notifications of the participants hook in from libs/runtime's notifications flow.)
 */
@Injectable()
export class TaskThreadFlow implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly threadEvents: TaskThreadEventsService,
  ) {}

  onModuleInit(): void {
    this.events.on(TaskMessagePosted, (posted, manager) =>
      this.threadEvents.collect(posted, manager),
    );
  }
}
