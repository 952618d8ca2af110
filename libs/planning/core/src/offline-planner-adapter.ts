import { planOffline } from './offline-planner';
import type { Planner, PlannerInput, PlannerResult } from './planner.port';

/** offline-2: brief lines, domain model and story-driven tasks. */
export const OFFLINE_PROMPT_VERSION = 'offline-2';
export const PLAN_SCHEMA_VERSION = 'plan-1';

/** The built-in planner behind the Planner port: deterministic, free, no network. */
export class OfflinePlanner implements Planner {
  readonly kind = 'OFFLINE' as const;
  readonly model = 'offline';
  readonly promptVersion = OFFLINE_PROMPT_VERSION;
  readonly schemaVersion = PLAN_SCHEMA_VERSION;

  async plan(input: PlannerInput): Promise<PlannerResult> {
    input.onProgress?.({
      stage: 'EXTRACTING',
      percent: 20,
      message: 'Reading the requirements of the brief',
    });
    const plan = planOffline(input.brief, input.settings, { lineKinds: input.briefLineKinds });
    input.onProgress?.({
      stage: 'VALIDATING',
      percent: 80,
      message: `Planned ${plan.tasks.length} tasks`,
    });
    return {
      plan,
      audit: {
        planner: this.kind,
        model: this.model,
        promptVersion: this.promptVersion,
        schemaVersion: this.schemaVersion,
        tokensIn: 0,
        tokensOut: 0,
        costMicroUsd: 0,
        calls: 0,
        validationErrors: [],
        rawOutput: null,
      },
    };
  }
}
