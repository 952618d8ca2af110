import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** An event class: its instances are what handlers receive. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- constructor arguments vary per event
export type DomainEventClass<E extends object> = abstract new (...args: any[]) => E;

/** Runs inside the transaction that raised the event: throwing rolls that transaction back. */
export type DomainEventHandler<E extends object> = (
  event: E,
  manager: EntityManager,
) => Promise<void>;

/**
 * Typed domain events delivered inside the raising transaction. A context
 * raises what happened to it (`ProjectFunded`, `PayoutPaid`, …) without
 * knowing who reacts; the reactions are declared once per flow in a
 * `*.flow.ts` file, in the order they run, so each flow reads in one place.
 * Handlers run one after another and are awaited: an event raised from a
 * handler is handled before `publish` returns.
 */
@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<DomainEventClass<object>, DomainEventHandler<object>[]>();

  /** Adds a step to run when `type` is raised; called by flow declarations only. */
  on<E extends object>(type: DomainEventClass<E>, handler: DomainEventHandler<E>): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as DomainEventHandler<object>);
    this.handlers.set(type, list);
  }

  /** Runs every step declared for the event's class, in declaration order, in `manager`'s transaction. */
  async publish(event: object, manager: EntityManager): Promise<void> {
    const handlers = this.handlers.get(event.constructor as DomainEventClass<object>) ?? [];
    for (const handler of handlers) await handler(event, manager);
  }
}
