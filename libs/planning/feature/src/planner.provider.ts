import type { Provider } from '@nestjs/common';
import { AppConfig } from '@splitwork/config';
import { OfflinePlanner, Planner } from '@splitwork/planning-core';
import { LlmPlanner } from '@splitwork/planning-llm';

/** The planner of this process: the LLM when OPENAI_API_KEY is set, else the offline one. */
export const PLANNER = Symbol('PLANNER');

export const plannerProvider: Provider = {
  provide: PLANNER,
  inject: [AppConfig],
  useFactory: (config: AppConfig): Planner =>
    config.OPENAI_API_KEY
      ? new LlmPlanner({
          apiKey: config.OPENAI_API_KEY,
          model: config.OPENAI_MODEL,
          ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
        })
      : new OfflinePlanner(),
};
