import { Injectable } from '@nestjs/common';
import { EventBus } from '@splitwork/api-kit';
import { PlanningRunStatus } from './target-platform';

export interface PlanningRunProgressEvent {
  runId: string;
  projectId: string;
  status: PlanningRunStatus;
  stage: string;
  percent: number;
  message: string;
  failureReason: string | null;
  /** Tokens of the model's answers received so far (LLM runs while streaming), else null. */
  tokensReceived: number | null;
}

/** Progress of planning runs, pushed to subscribers (across replicas when Redis is set). */
@Injectable()
export class PlanningEvents {
  constructor(private readonly bus: EventBus) {}

  static topic(runId: string): string {
    return `planning-run.${runId}`;
  }

  async publish(event: PlanningRunProgressEvent): Promise<void> {
    await this.bus.publish(PlanningEvents.topic(event.runId), { planningRunProgress: event });
  }

  subscribe(runId: string): AsyncIterableIterator<unknown> {
    return this.bus.asyncIterableIterator(PlanningEvents.topic(runId));
  }
}
