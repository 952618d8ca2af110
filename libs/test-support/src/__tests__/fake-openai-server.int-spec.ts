import { FakeOpenAiServer } from '../fake-openai-server';

async function chat(fake: FakeOpenAiServer, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${fake.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'local', messages: [{ role: 'user', content: 'hi' }], ...body }),
  });
}

/** The deltas of a streamed answer, joined, and its finish reason. */
async function streamed(
  res: Response,
): Promise<{ text: string; finish: string | null; chunks: number }> {
  const raw = await res.text();
  let text = '';
  let finish: string | null = null;
  let chunks = 0;
  for (const line of raw.split('\n')) {
    if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
    const chunk = JSON.parse(line.slice(6)) as {
      choices: { delta: { content?: string }; finish_reason: string | null }[];
    };
    chunks += 1;
    text += chunk.choices[0]?.delta.content ?? '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  return { text, finish, chunks };
}

describe('FakeOpenAiServer as a local model server', () => {
  let fake: FakeOpenAiServer;
  beforeEach(async () => {
    fake = await FakeOpenAiServer.start();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('streams an answer as server-sent events at the set pace, thinking first', async () => {
    fake.mode({ tokensPerSecond: 100 }).script({ content: 'x'.repeat(200), think: 'hmm' });
    const started = Date.now();

    const { text, finish } = await streamed(await chat(fake, { stream: true }));

    expect(text).toBe(`<think>hmm</think>\n${'x'.repeat(200)}`);
    expect(finish).toBe('stop');
    // 56 tokens of 4 characters at 100 per second.
    expect(Date.now() - started).toBeGreaterThan(450);
  });

  it('serves one request at a time in one-slot mode, holding the others without headers', async () => {
    fake.mode({ slots: 1, tokensPerSecond: 200 }).otherwise({ content: 'y'.repeat(400) });
    const first = chat(fake, { stream: true });
    await new Promise((r) => setTimeout(r, 50));
    let secondHeadersAt = 0;
    const second = chat(fake, { stream: true }).then((res) => {
      secondHeadersAt = Date.now();
      return res;
    });
    const firstDone = await first.then(streamed).then(() => Date.now());

    await second.then(streamed);

    expect(fake.maxQueued).toBe(1);
    expect(secondHeadersAt).toBeGreaterThanOrEqual(firstDone - 20);
  });

  it('refuses json_schema with a 400 as servers without structured outputs do', async () => {
    fake.mode({ refuseJsonSchema: true }).otherwise({ content: '{}' });

    const refused = await chat(fake, { response_format: { type: 'json_schema', json_schema: {} } });
    const accepted = await chat(fake, { response_format: { type: 'json_object' } });

    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("'response_format' type must be one of");
    expect(accepted.status).toBe(200);
  });

  it('cuts an answer off at the token limit and stalls a stream on request', async () => {
    fake.script({ content: 'abcdefgh', finishReason: 'length' });
    const cut = await streamed(await chat(fake, { stream: true }));
    expect(cut).toMatchObject({ text: 'abcdefgh', finish: 'length' });

    fake.script({ content: 'abcdefgh', stallAfterChars: 4 });
    const res = await chat(fake, { stream: true });
    const reader = res.body?.getReader();
    const decoder = new TextDecoder();
    let received = '';
    let done = false;
    const until = Date.now() + 400;
    while (Date.now() < until && !done) {
      const read = await Promise.race([
        reader?.read(),
        new Promise<undefined>((r) => setTimeout(() => r(undefined), until - Date.now())),
      ]);
      if (read === undefined) break;
      done = read.done;
      if (read.value) received += decoder.decode(read.value);
    }
    expect(received).toContain('"content":"abcd"');
    expect(received).not.toContain('efgh');
    expect(done).toBe(false);
    await reader?.cancel();
  });
});
