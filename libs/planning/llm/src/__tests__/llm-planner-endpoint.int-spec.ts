import { PlanningFailure, validatePlan } from '@splitwork/planning-core';
import { FakeOpenAiServer } from './support/fake-openai';
import { SHOP_BRIEF } from './fixtures/briefs.fixture';
import { answerFor, SETTINGS } from './support/answers';
import { plannerOn } from './support/fake-endpoint';

let server: FakeOpenAiServer;

beforeAll(async () => {
  server = await FakeOpenAiServer.start();
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => server.reset());

async function failureOf(promise: Promise<unknown>): Promise<PlanningFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof PlanningFailure)) {
    throw new Error(`Expected a PlanningFailure, got ${String(error)}`);
  }
  return error;
}

describe('LlmPlanner when the endpoint misbehaves', () => {
  it('waits out a 429 as the endpoint asks, then succeeds and counts both attempts', async () => {
    server.script(
      {
        status: 429,
        content: 'Rate limit reached for requests',
        headers: { 'retry-after': '0.05' },
      },
      {
        content: JSON.stringify(answerFor(SHOP_BRIEF)),
        usage: { promptTokens: 900, completionTokens: 2_000 },
      },
    );
    const { planner } = plannerOn(server, { maxRetries: 1 });

    const result = await planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS });

    expect(validatePlan(result.plan, { sizeBand: SETTINGS.sizeBand })).toEqual([]);
    expect(result.audit).toMatchObject({ calls: 2, tokensIn: 900, tokensOut: 2_000 });
    const [first, retry] = server.chatRequests;
    expect(retry.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(40);
    expect(retry.headers['x-stainless-retry-count']).toBe('1');
    expect(retry.body).toEqual(first.body);
  });

  it('fails with a clear reason when the endpoint keeps answering 500', async () => {
    server.script(
      { status: 500, headers: { 'retry-after-ms': '10' } },
      { status: 500, headers: { 'retry-after-ms': '10' } },
    );
    const { planner } = plannerOn(server, { maxRetries: 1 });

    const failure = await failureOf(planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS }));

    expect(failure.reason).toBe('The model endpoint kept failing (HTTP 500) after 2 attempts');
    expect(failure.audit).toMatchObject({ planner: 'LLM', calls: 2, tokensIn: 0, rawOutput: null });
    expect(server.chatRequests).toHaveLength(2);
  });

  it('fails with a clear reason when no first token comes within the first-token timeout', async () => {
    server.script({ content: JSON.stringify(answerFor(SHOP_BRIEF)), delayMs: 5_000 });
    const { planner } = plannerOn(server, { firstTokenTimeoutMs: 300, maxRetries: 1 });
    const started = Date.now();

    const failure = await failureOf(planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS }));

    expect(failure.reason).toBe(
      'The model endpoint sent no token within 300 ms (1 attempt); a busy local server queues requests: raise LLM_FIRST_TOKEN_TIMEOUT_MS',
    );
    expect(failure.audit.calls).toBe(1);
    expect(failure.audit.modelCalls).toEqual([
      expect.objectContaining({ purpose: 'ask', rawAnswer: null, error: failure.reason }),
    ]);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('retries an answer that stops streaming, then fails naming the gap', async () => {
    const stalled = { content: JSON.stringify(answerFor(SHOP_BRIEF)), stallAfterChars: 400 };
    server.script(stalled, stalled);
    const { planner } = plannerOn(server, { tokenGapTimeoutMs: 300, maxRetries: 1 });

    const failure = await failureOf(planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS }));

    expect(failure.reason).toBe(
      'The model endpoint stopped sending tokens for 300 ms after 100 tokens (2 attempts)',
    );
    expect(server.chatRequests).toHaveLength(2);
  });

  it('waits out a slow answer whose tokens keep coming, however long it takes in all', async () => {
    const content = JSON.stringify(answerFor(SHOP_BRIEF));
    // About 2.5 s of streaming in all, with a token every 5 ms, under a gap timeout of 250 ms.
    server.script({ content, tokensPerSecond: Math.ceil(content.length / 4 / 2.5) });
    const { planner } = plannerOn(server, { tokenGapTimeoutMs: 250, firstTokenTimeoutMs: 1_000 });
    const started = Date.now();

    const result = await planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS });

    expect(Date.now() - started).toBeGreaterThan(2_000);
    expect(validatePlan(result.plan, { sizeBand: SETTINGS.sizeBand })).toEqual([]);
    expect(result.audit.calls).toBe(1);
  });

  it('does not retry a rejected API key and says which variable to check', async () => {
    server.script({ status: 401, content: 'Incorrect API key provided' });
    const { planner } = plannerOn(server, { maxRetries: 3 });

    const failure = await failureOf(planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS }));

    expect(failure.reason).toBe(
      'The model endpoint rejected the API key (HTTP 401); check OPENAI_API_KEY',
    );
    expect(failure.audit.calls).toBe(1);
  });

  it('names the endpoint problem when the request itself is refused', async () => {
    server.script({ status: 400, content: 'Invalid parameter: temperature must be at most 2' });
    const { planner } = plannerOn(server);

    const failure = await failureOf(planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS }));

    expect(failure.reason).toBe(
      'The model endpoint rejected the request (HTTP 400): 400 Invalid parameter: temperature must be at most 2',
    );
  });

  it('falls back to json_object when the server refuses json_schema, and remembers it for the endpoint', async () => {
    server.mode({ refuseJsonSchema: true });
    server.otherwise({ content: JSON.stringify(answerFor(SHOP_BRIEF)) });
    const { planner } = plannerOn(server);

    const first = await planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS });
    const second = await planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS });

    expect(validatePlan(first.plan, { sizeBand: SETTINGS.sizeBand })).toEqual([]);
    expect(server.chatRequests.map((r) => r.body.response_format?.type)).toEqual([
      'json_schema',
      'json_object',
      'json_object',
    ]);
    // The schema the server could not enforce is in the prompt instead.
    expect(server.chatRequests[1].body.messages[0].content).toContain(
      'The answer must be one JSON object that validates against this JSON Schema',
    );
    expect(first.audit.modelCalls?.[0].responseFormat).toBe('json_object');
    expect(second.audit.modelCalls?.[0].responseFormat).toBe('json_object');
  });

  it('falls back to the schema in the prompt alone when the server refuses both JSON formats', async () => {
    server.mode({ refuseJsonSchema: true, refuseJsonObject: true });
    server.otherwise({ content: JSON.stringify(answerFor(SHOP_BRIEF)) });
    const { planner } = plannerOn(server);

    const result = await planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS });

    expect(validatePlan(result.plan, { sizeBand: SETTINGS.sizeBand })).toEqual([]);
    const last = server.chatRequests.at(-1);
    expect(last?.body.response_format).toBeUndefined();
    expect(last?.body.messages[0].content).toContain(
      'The answer must be one JSON object that validates against this JSON Schema',
    );
    expect(result.audit.modelCalls?.[0].responseFormat).toBe('prompt');
  });

  it('fails with a clear reason when nothing listens at the endpoint', async () => {
    const gone = await FakeOpenAiServer.start();
    await gone.close();
    const { planner } = plannerOn(gone, { maxRetries: 1 });

    const failure = await failureOf(planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS }));

    expect(failure.reason).toMatch(
      /^The model endpoint could not be reached after 2 attempts: connect ECONNREFUSED 127.0.0.1:\d+$/,
    );
    expect(failure.audit.calls).toBe(2);
  });

  it('stops waiting when the run is aborted', async () => {
    server.script({ content: JSON.stringify(answerFor(SHOP_BRIEF)), delayMs: 5_000 });
    const { planner } = plannerOn(server);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);

    const failure = await failureOf(
      planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS, signal: controller.signal }),
    );

    expect(failure.reason).toBe('The planning run was aborted while waiting for the model');
    expect(failure.audit.calls).toBe(1);
  });

  it('reports a refusal and an answer cut off before any task to the model like any other problem', async () => {
    server.script(
      { content: '', refusal: 'I cannot help with that.' },
      { content: JSON.stringify(answerFor(SHOP_BRIEF)).slice(0, 300), finishReason: 'length' },
      { content: JSON.stringify(answerFor(SHOP_BRIEF)) },
    );
    const { planner } = plannerOn(server);

    const result = await planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS });

    expect(result.audit.calls).toBe(3);
    expect(result.audit.validationErrors).toEqual([
      'The model refused to answer: I cannot help with that.',
      'The answer was cut off at the output token limit; answer again with shorter descriptions so that the whole JSON object fits',
    ]);
  });

  it('continues an answer cut exactly at a task boundary instead of accepting it short', async () => {
    const answer = answerFor(SHOP_BRIEF);
    const half = Math.floor(answer.tasks.length / 2);
    const full = JSON.stringify(answer);
    // The model stopped after a task's closing brace: a JSON repair would close a valid, short plan.
    const cut = full.slice(0, full.indexOf(`,{"key":"${answer.tasks[half].key}"`));
    const rest = {
      features: answer.features,
      tasks: answer.tasks.slice(half),
      removeTaskKeys: [],
      end: 'END',
    };
    server.script({ content: cut, finishReason: 'stop' }, { content: JSON.stringify(rest) });
    const { planner } = plannerOn(server);

    const result = await planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS });

    expect(validatePlan(result.plan, { sizeBand: SETTINGS.sizeBand })).toEqual([]);
    expect(result.plan.tasks.map((t) => t.key).sort()).toEqual(
      expect.arrayContaining(answer.tasks.map((t) => t.key).sort()),
    );
    const continuation = server.chatRequests[1].body;
    expect(continuation.response_format?.json_schema?.name).toBe('splitwork_correction');
    expect(continuation.messages.at(-1)?.content).toContain('Your previous answer was cut off');
    expect(continuation.messages.at(-1)?.content).toContain(`- ${answer.tasks[half - 1].key} [`);
    expect(continuation.messages.at(-1)?.content).not.toContain(answer.tasks[0].description);
    expect(result.audit.modelCalls?.map((c) => c.purpose)).toEqual(['ask', 'continue']);
    expect(result.audit.validationErrors).toEqual([
      `The answer ends before its JSON object is closed; continued after its ${half} complete task(s)`,
    ]);
  });

  it('continues an answer stopped at the output token limit from its last complete task', async () => {
    const answer = answerFor(SHOP_BRIEF);
    const full = JSON.stringify(answer);
    const third = answer.tasks[3].key;
    const cut = full.slice(0, full.indexOf(`"key":"${third}"`) + 40);
    const rest = {
      features: answer.features,
      tasks: answer.tasks.slice(3),
      removeTaskKeys: [],
      end: 'END',
    };
    server.script({ content: cut, finishReason: 'length' }, { content: JSON.stringify(rest) });
    const { planner } = plannerOn(server);

    const result = await planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS });

    expect(validatePlan(result.plan, { sizeBand: SETTINGS.sizeBand })).toEqual([]);
    expect(result.audit.validationErrors).toEqual([
      'The answer was cut off at the output token limit; continued after its 3 complete task(s)',
    ]);
  });

  it('strips <think> blocks, closed or not, before reading the answer', async () => {
    server.script(
      {
        content: JSON.stringify(answerFor(SHOP_BRIEF)),
        think: 'The shop needs a catalogue {"x": 1}.',
      },
      {
        content: JSON.stringify(answerFor(SHOP_BRIEF)),
        think: 'Planning.\n',
        unterminatedThink: true,
      },
    );
    const { planner } = plannerOn(server);

    const closed = await planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS });
    const open = await planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS });

    for (const result of [closed, open]) {
      expect(validatePlan(result.plan, { sizeBand: SETTINGS.sizeBand })).toEqual([]);
      expect(result.audit.calls).toBe(1);
      expect(result.audit.validationErrors).toEqual([]);
    }
    // The audit keeps the answer as received, thinking included.
    expect(closed.audit.modelCalls?.[0].rawAnswer).toMatch(/^<think>The shop needs/);
  });

  it('refuses, before any call, a prompt that leaves the context no room for an answer', async () => {
    const { planner } = plannerOn(server, { model: 'llama3.1:8b', contextTokens: 1_024 });

    const failure = await failureOf(planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS }));

    expect(failure.reason).toMatch(
      /^The prompt \(about \d+ tokens\) leaves 0 of the model's 1024-token context for the answer.*LLM_CONTEXT_TOKENS/,
    );
    expect(server.chatRequests).toHaveLength(0);
  });

  it('asks a local model for what its context leaves, and reports its cost as unknown', async () => {
    server.script({ content: JSON.stringify(answerFor(SHOP_BRIEF)) });
    const { planner } = plannerOn(server, { model: 'qwen2.5:14b', contextTokens: 32_768 });

    const result = await planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS });

    const maxTokens = server.chatRequests[0].body.max_tokens as number;
    expect(maxTokens).toBeGreaterThan(16_384 - 4_000);
    expect(maxTokens).toBeLessThanOrEqual(16_384);
    expect(result.audit.costMicroUsd).toBeNull();
  });

  it('logs one line per model call and one per run, without the brief, the answer or the key', async () => {
    const wrong = answerFor(SHOP_BRIEF);
    wrong.tasks[2].dependsOn.push('payments-webhook-7');
    server.script(
      { content: JSON.stringify(wrong) },
      { content: JSON.stringify(answerFor(SHOP_BRIEF)) },
    );
    const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
    const log = {
      info: (fields: Record<string, unknown>, message: string) =>
        lines.push({ level: 'info', fields, message }),
      warn: (fields: Record<string, unknown>, message: string) =>
        lines.push({ level: 'warn', fields, message }),
    };
    const { planner, apiKey } = plannerOn(server, { log });

    await planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS, runId: 'run-42' });

    expect(lines.map((l) => l.message)).toEqual([
      'model call finished',
      'model call finished',
      'LLM planning run finished',
    ]);
    expect(lines[0].fields).toMatchObject({
      runId: 'run-42',
      purpose: 'ask',
      finishReason: 'stop',
    });
    expect(lines[1].fields).toMatchObject({ purpose: 'repair' });
    expect(lines[2].fields).toMatchObject({
      runId: 'run-42',
      outcome: 'succeeded',
      modelCalls: 2,
      validationErrors: 1,
      endpoint: server.baseURL,
    });
    const text = JSON.stringify(lines);
    expect(text).not.toContain(apiKey);
    expect(text).not.toContain(SHOP_BRIEF.split('\n').find((l) => l.length > 30));
    expect(text).not.toContain(wrong.tasks[0].description);
  });

  it("sends OpenAI's reasoning models max_completion_tokens instead of max_tokens", async () => {
    server.script({ content: JSON.stringify(answerFor(SHOP_BRIEF)) });
    const { planner } = plannerOn(server, { model: 'gpt-5-mini' });

    await planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS });

    const { body } = server.chatRequests[0];
    expect(body.max_completion_tokens).toBe(16_384);
    expect(body.max_tokens).toBeUndefined();
  });

  it('plans with the offline planner when the model fails and the fallback is on, saying why', async () => {
    server.script({ status: 401, content: 'Incorrect API key provided' });
    const { planner } = plannerOn(server, { offlineFallback: true });
    const stages: string[] = [];

    const result = await planner.plan({
      brief: SHOP_BRIEF,
      settings: SETTINGS,
      onProgress: (p) => stages.push(p.stage),
    });

    expect(validatePlan(result.plan, { sizeBand: SETTINGS.sizeBand })).toEqual([]);
    expect(result.audit.fallbackReason).toBe(
      'The model endpoint rejected the API key (HTTP 401); check OPENAI_API_KEY',
    );
    expect(result.audit.calls).toBe(1);
    expect(stages).toContain('FALLBACK');
  });
});
