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

  it('fails with a clear reason when every attempt times out', async () => {
    const late = { content: JSON.stringify(answerFor(SHOP_BRIEF)), delayMs: 5_000 };
    server.script(late, late);
    const { planner } = plannerOn(server, { timeoutMs: 300, maxRetries: 1 });
    const started = Date.now();

    const failure = await failureOf(planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS }));

    expect(failure.reason).toBe('The model endpoint timed out after 2 attempts (300 ms each)');
    expect(failure.audit.calls).toBe(2);
    expect(Date.now() - started).toBeLessThan(4_000);
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
    server.script({
      status: 400,
      content: "Invalid parameter: 'response_format' of type 'json_schema' is not supported",
    });
    const { planner } = plannerOn(server);

    const failure = await failureOf(planner.plan({ brief: SHOP_BRIEF, settings: SETTINGS }));

    expect(failure.reason).toBe(
      "The model endpoint rejected the request (HTTP 400): 400 Invalid parameter: 'response_format' of type 'json_schema' is not supported",
    );
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

  it('reports a refusal and a cut-off answer to the model like any other problem', async () => {
    server.script(
      { content: '', refusal: 'I cannot help with that.' },
      { content: JSON.stringify(answerFor(SHOP_BRIEF)).slice(0, 500), finishReason: 'length' },
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
});
