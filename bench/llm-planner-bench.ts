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

    await measurePaced(fake, settings);
  } finally {
    await fake.close();
  }
}

/** The fake's pace for the streamed measurement: a laptop model. */
const TOKENS_PER_SECOND = 40;
/** Characters per streamed token in the fake (one SSE chunk each). */
const CHARS_PER_TOKEN = 4;

/**
 * The LLM path streaming from a one-slot server at 40 tokens/s: the model's
 * own time is the answer's tokens at that pace; anything above it is ours
 * (prompt building, SSE parsing, checks, size band, HTTP). The answer is the
 * small brief's plan with short descriptions, so that a run takes seconds.
 */
async function measurePaced(
  fake: FakeOpenAiServer,
  settings: ReturnType<typeof resolvePlanSettings>,
): Promise<void> {
  const full = scriptedPlanAnswer(SMALL_BRIEF, settings);
  const ids = [...new Set(full.tasks.flatMap((t) => t.requirementIds))];
  const chosen = new Set(ids.map((id) => full.tasks.find((t) => t.requirementIds.includes(id))));
  const tasks = full.tasks
    .filter((t) => chosen.has(t))
    .map((t) => ({
      ...t,
      description: t.title,
      acceptanceCriteria: t.acceptanceCriteria.slice(0, 2),
      dependsOn: t.dependsOn.filter((d) => [...chosen].some((c) => c?.key === d)),
    }));
  const answer = {
    features: full.features.filter((f) => tasks.some((t) => t.featureKey === f.key)),
    tasks,
    end: 'END',
  };
  const content = JSON.stringify(answer);
  const tokens = Math.ceil(content.length / CHARS_PER_TOKEN);
  const modelMs = (tokens / TOKENS_PER_SECOND) * 1000;
  process.stdout.write(
    `\nStreaming from a one-slot fake at ${TOKENS_PER_SECOND} tokens/s (${tokens}-token answer, ${round(modelMs / 1000, 1)} s of model time)\n`,
  );
  const overheads: number[] = [];
  for (let i = 0; i < 3; i++) {
    fake.reset();
    fake.mode({ slots: 1, tokensPerSecond: TOKENS_PER_SECOND }).otherwise({ content });
    const planner = new LlmPlanner({
      apiKey: 'local',
      baseURL: fake.baseURL,
      model: 'llama3.1:8b',
      contextTokens: 32_768,
      tokenGapTimeoutMs: 2_000,
    });
    const start = performance.now();
    const result = await planner.plan({ brief: SMALL_BRIEF, settings });
    const total = performance.now() - start;
    if (result.audit.calls !== 1) throw new Error(`expected one call, made ${result.audit.calls}`);
    overheads.push(total - modelMs);
  }
  overheads.sort((a, b) => a - b);
  process.stdout.write(
    `${'small brief, one streamed call'.padEnd(44)} overhead over the model's own time: median ${round(overheads[1], 0)} ms (${round((100 * overheads[1]) / modelMs, 1)} %)  worst ${round(overheads[2], 0)} ms\n`,
  );
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
