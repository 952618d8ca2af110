import { Injectable } from '@nestjs/common';
import { JobDefinition, JobHandler } from './job';

interface Registered {
  definition: JobDefinition<object>;
  handler: JobHandler<object>;
}

/** Modules register the handler of each job they define, at module init. */
@Injectable()
export class JobRegistry {
  private readonly handlers = new Map<string, Registered>();

  register<Payload extends object>(
    definition: JobDefinition<Payload>,
    handler: JobHandler<Payload>,
  ): void {
    if (this.handlers.has(definition.name)) {
      throw new Error(`Job "${definition.name}" has two handlers`);
    }
    this.handlers.set(definition.name, {
      definition,
      handler: handler as JobHandler<object>,
    });
  }

  get(name: string): Registered | undefined {
    return this.handlers.get(name);
  }

  names(): string[] {
    return [...this.handlers.keys()];
  }
}
