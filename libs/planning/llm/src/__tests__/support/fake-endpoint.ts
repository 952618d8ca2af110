import { randomUUID } from 'node:crypto';
import type { FakeOpenAiServer, RecordedChatRequest } from './fake-openai';
import { LlmPlanner } from '../../llm-planner.adapter';
import type { LlmPlannerOptions } from '../../llm-planner.options';

export const TEST_MODEL = 'gpt-4o-mini';

/** A planner on the fake endpoint with a fresh key, short timeouts and one retry, so failures stay fast. */
export function plannerOn(
  server: FakeOpenAiServer,
  options: Partial<LlmPlannerOptions> = {},
): { planner: LlmPlanner; apiKey: string } {
  const apiKey = `sk-test-${randomUUID()}`;
  const planner = new LlmPlanner({
    apiKey,
    baseURL: server.baseURL,
    model: TEST_MODEL,
    firstTokenTimeoutMs: 5_000,
    tokenGapTimeoutMs: 5_000,
    maxRetries: 1,
    ...options,
  });
  return { planner, apiKey };
}

/** The feature a per-feature request asks for, read from its first user message. */
export function featureKeyOf(request: RecordedChatRequest): string {
  const user = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
  const match = /Plan now the tasks of feature key "([^"]+)"/.exec(user);
  if (!match) throw new Error('Not a per-feature request');
  return match[1];
}

export function schemaNameOf(request: RecordedChatRequest): string | undefined {
  return request.body.response_format?.json_schema?.name;
}
