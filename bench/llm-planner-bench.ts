import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { resolvePlanSettings } from '@splitwork/planning-core';
import { LlmPlanner } from '@splitwork/planning-llm';
import {
  FakeOpenAiServer,
  scriptedFeatureTasksAnswer,
  scriptedOutlineAnswer,
  scriptedPlanAnswer,
} from '@splitwork/test-support';
import { longBrief, SMALL_BRIEF } from './briefs';
import { round } from './bench-util';

const DELAY_MS = 200;

/**
 * Overhead of the LLM path (prompting, parsing, validation, size band, HTTP)
 * against a local OpenAI-compatible server that answers after a fixed delay:
 * our total time divided by the time spent waiting on the model.
 * Run with `npm run bench:llm`.
 */
async function main(): Promise<void> {
  const fake = await FakeOpenAiServer.start();
  const settings = resolvePlanSettings({
    currency: 'USD',
    targetPlatforms: ['WEB', 'IOS', 'BACKEND'],
  });
  try {
    process.stdout.write(`\nLLM planner against a fake endpoint answering in ${DELAY_MS} ms\n`);
    const small = scriptedPlanAnswer(SMALL_BRIEF, settings);
    await measure('small brief, one call', fake, settings, SMALL_BRIEF, () => {
      fake.otherwise({ content: JSON.stringify(small), delayMs: DELAY_MS });
    });

    const big = longBrief(18_000);
    const answer = scriptedPlanAnswer(big, settings);
    const outline = scriptedOutlineAnswer(answer);
    await measure('18k brief, outline + one call per feature', fake, settings, big, () => {
      fake.script({ content: JSON.stringify(outline), delayMs: DELAY_MS }).otherwise((request) => {
        const user = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
        const feature = /Plan now the tasks of feature key "([^"]+)"/.exec(String(user))?.[1] ?? '';
        return {
          content: JSON.stringify(scriptedFeatureTasksAnswer(answer, feature)),
          delayMs: DELAY_MS,
        };
      });
    });
  } finally {
    await fake.close();
  }
}

async function measure(
  label: string,
  fake: FakeOpenAiServer,
  settings: ReturnType<typeof resolvePlanSettings>,
  brief: string,
  script: () => void,
): Promise<void> {
  const ratios: number[] = [];
  let calls = 0;
  let tasks = 0;
  for (let i = 0; i < 5; i++) {
    fake.reset();
    script();
    const planner = new LlmPlanner({
      apiKey: 'sk-bench',
      baseURL: fake.baseURL,
      model: 'gpt-4o-mini',
      featureConcurrency: 1,
    });
    const start = performance.now();
    const result = await planner.plan({ brief, settings });
    const total = performance.now() - start;
    calls = result.audit.calls;
    tasks = result.plan.tasks.length;
    ratios.push(total / (calls * DELAY_MS));
  }
  ratios.sort((a, b) => a - b);
  process.stdout.write(
    `${label.padEnd(44)} calls ${calls}  tasks ${tasks}  total / model wait: median ${round(ratios[2], 3)}  worst ${round(ratios[4], 3)}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
