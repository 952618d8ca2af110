import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  planOffline,
  resolvePlanSettings,
  type PlannedTask,
  type PlanSettings,
} from '@splitwork/planning-core';

/** A message as the client sent it (content flattened to text). */
export interface FakeChatMessage {
  readonly role: string;
  readonly content: string;
}

export interface FakeChatRequestBody {
  readonly model?: string;
  readonly messages: readonly FakeChatMessage[];
  readonly response_format?: {
    readonly type?: string;
    readonly json_schema?: {
      readonly name?: string;
      readonly strict?: boolean;
      readonly schema?: unknown;
    };
  };
  readonly [field: string]: unknown;
}

/** One request the fake received, in arrival order. */
export interface RecordedChatRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: FakeChatRequestBody;
  readonly receivedAt: number;
}

/**
 * What the fake answers to one request. By default a 200 chat completion
 * whose assistant message is `content`; with `status` >= 400 an OpenAI-shaped
 * error; `body` replaces the whole response body; `delayMs` holds the answer
 * back (longer than the client timeout to script a timeout).
 */
export interface ScriptedResponse {
  readonly status?: number;
  readonly content?: string;
  readonly body?: unknown;
  readonly delayMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Default: about one token per four characters of the request and of `content`. */
  readonly usage?: { readonly promptTokens: number; readonly completionTokens: number };
  readonly finishReason?: string;
  readonly refusal?: string;
  /** Reasoning written before the answer as `<think>…</think>` (without the closing tag when `unterminated`). */
  readonly think?: string;
  readonly unterminatedThink?: boolean;
  /** Streamed requests: tokens per second of this answer (default: the server's pace). */
  readonly tokensPerSecond?: number;
  /** Streamed requests: stop sending after this many characters of the content and hold the connection open. */
  readonly stallAfterChars?: number;
}

/** How the fake behaves as a server, whatever it is scripted to answer. */
export interface FakeServerMode {
  /**
   * Requests served at once; the others wait in arrival order with no
   * response yet (no headers), as a single-slot llama.cpp or Ollama server
   * queues them. Default: unlimited.
   */
  readonly slots?: number;
  /** Streamed answers are sent at this many tokens (about four characters each) per second. Default: at once. */
  readonly tokensPerSecond?: number;
  /** Answers 400 to `response_format: json_schema`, as servers without structured outputs do. */
  readonly refuseJsonSchema?: boolean;
  /** Answers 400 to `response_format: json_object` too. */
  readonly refuseJsonObject?: boolean;
  /** Leaves out the usage chunk of streamed answers even when asked for it. */
  readonly omitStreamUsage?: boolean;
}

/** One SSE chunk carries this many characters: about one token. */
const CHARS_PER_TOKEN = 4;

/** A fixed response, or one computed from the request (e.g. per feature named in the prompt). */
export type ScriptedReply = ScriptedResponse | ((request: RecordedChatRequest) => ScriptedResponse);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of a message content: a string, or the text parts of a content array. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
    .join('');
}

function toRequestBody(value: unknown): FakeChatRequestBody {
  const record = isRecord(value) ? value : {};
  const messages = Array.isArray(record.messages) ? record.messages : [];
  return {
    ...record,
    messages: messages.map((m) => ({
      role: isRecord(m) && typeof m.role === 'string' ? m.role : '',
      content: isRecord(m) ? contentText(m.content) : '',
    })),
  };
}

function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The body of a successful chat completion carrying `content`. */
export function chatCompletionBody(
  content: string,
  options: {
    model?: string;
    promptTokens?: number;
    completionTokens?: number;
    finishReason?: string;
    refusal?: string;
  } = {},
): Record<string, unknown> {
  const promptTokens = options.promptTokens ?? 0;
  const completionTokens = options.completionTokens ?? estimateTokens(content);
  return {
    id: `chatcmpl-fake-${Math.random().toString(36).slice(2, 12)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: options.model ?? 'fake-model',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: options.refusal ?? null },
        logprobs: null,
        finish_reason: options.finishReason ?? 'stop',
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  };
}

const NO_SCRIPT: ScriptedResponse = {
  status: 500,
  body: { error: { message: 'FakeOpenAiServer: no scripted response left', type: 'fake_error' } },
};

/**
 * A local stand-in for an OpenAI-compatible endpoint on 127.0.0.1 (random
 * port) that the real SDK talks to over real HTTP. It answers
 * `POST …/chat/completions` from a queue of scripted replies (then from the
 * `otherwise` reply, by default a 500), and records every request.
 *
 * ```ts
 * const server = await FakeOpenAiServer.start();
 * server.script({ status: 429, headers: { 'retry-after': '0' } }, { content: JSON.stringify(answer) });
 * new OpenAI({ apiKey: 'test', baseURL: server.baseURL });
 * ```
 */
export class FakeOpenAiServer {
  readonly requests: RecordedChatRequest[] = [];
  private readonly queue: ScriptedReply[] = [];
  private fallback: ScriptedReply = NO_SCRIPT;
  private readonly timers = new Set<NodeJS.Timeout>();
  private serverMode: FakeServerMode = {};
  private busy = 0;
  private readonly slotQueue: (() => void)[] = [];
  /** Requests waiting for a slot now, and the most that ever waited at once. */
  queued = 0;
  maxQueued = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<FakeOpenAiServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const fake = new FakeOpenAiServer(server, (server.address() as AddressInfo).port);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      fake.handle(req, res).catch((error: unknown) => {
        // A scripted reply function that throws is a test bug: answer 500 and say why.
        const message = error instanceof Error ? error.message : String(error);
        fake.send(
          res,
          { status: 500, body: { error: { message: `FakeOpenAiServer: ${message}` } } },
          '',
        );
      });
    });
    return fake;
  }

  /** What to pass as the SDK's `baseURL`. */
  get baseURL(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  /** Replies still queued. */
  get pending(): number {
    return this.queue.length;
  }

  /** The requests to the chat completions endpoint, in arrival order. */
  get chatRequests(): RecordedChatRequest[] {
    return this.requests.filter((r) => r.path.endsWith('/chat/completions'));
  }

  /** Queues replies, answered one per request in order. */
  script(...replies: ScriptedReply[]): this {
    this.queue.push(...replies);
    return this;
  }

  /** The reply once the queue is empty (default: a 500 saying nothing is scripted). */
  otherwise(reply: ScriptedReply): this {
    this.fallback = reply;
    return this;
  }

  /** Sets how the server behaves (slots, pace, refused response formats) until `reset`. */
  mode(mode: FakeServerMode): this {
    this.serverMode = mode;
    return this;
  }

  /** Forgets the queue, the fallback, the mode and the recorded requests. */
  reset(): void {
    this.queue.length = 0;
    this.fallback = NO_SCRIPT;
    this.requests.length = 0;
    this.serverMode = {};
    this.maxQueued = 0;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
      this.send(
        res,
        { status: 404, body: { error: { message: `No route ${req.method} ${path}` } } },
        '',
      );
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw) as unknown;
    } catch {
      this.send(res, { status: 400, body: { error: { message: 'Request body is not JSON' } } }, '');
      return;
    }
    const request: RecordedChatRequest = {
      method: req.method,
      path,
      headers: req.headers,
      body: toRequestBody(parsed),
      receivedAt: Date.now(),
    };
    this.requests.push(request);
    const format = request.body.response_format?.type;
    if (
      (format === 'json_schema' && this.serverMode.refuseJsonSchema) ||
      (format === 'json_object' && this.serverMode.refuseJsonObject)
    ) {
      // As llama.cpp and Ollama word it when they cannot constrain the output that way.
      this.send(
        res,
        {
          status: 400,
          body: {
            error: {
              code: 400,
              message: `'response_format' type must be one of 'text' or 'json_object', but got: ${format}`,
              type: 'invalid_request_error',
            },
          },
        },
        '',
      );
      return;
    }
    const release = await this.slot(res);
    if (release === null) return;
    res.on('close', release);
    const reply = this.queue.shift() ?? this.fallback;
    const response = typeof reply === 'function' ? reply(request) : reply;
    const promptText = request.body.messages.map((m) => m.content).join('\n');
    const stream =
      request.body.stream === true && (response.status ?? 200) < 400 && response.body === undefined;
    const answer = () => {
      if (stream) this.stream(res, response, request, promptText);
      else {
        this.send(res, response, promptText, request.body.model);
        release();
      }
    };
    if (!response.delayMs) {
      answer();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      answer();
    }, response.delayMs);
    this.timers.add(timer);
    // The client gave up (timeout): nothing is left to answer.
    res.on('close', () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    });
  }

  /** Waits for a free slot (none when unlimited); null when the client left while waiting. */
  private slot(res: ServerResponse): Promise<(() => void) | null> {
    const limit = this.serverMode.slots;
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.busy -= 1;
      this.slotQueue.shift()?.();
    };
    if (limit === undefined || this.busy < limit) {
      this.busy += 1;
      return Promise.resolve(release);
    }
    this.queued += 1;
    this.maxQueued = Math.max(this.maxQueued, this.queued);
    return new Promise((resolve) => {
      const take = (): void => {
        this.queued -= 1;
        res.off('close', leave);
        if (res.destroyed) {
          // Left while queued: pass the slot on.
          this.slotQueue.shift()?.();
          resolve(null);
          return;
        }
        this.busy += 1;
        resolve(release);
      };
      const leave = (): void => {
        const at = this.slotQueue.indexOf(take);
        if (at >= 0) {
          this.slotQueue.splice(at, 1);
          this.queued -= 1;
          resolve(null);
        }
      };
      this.slotQueue.push(take);
      res.on('close', leave);
    });
  }

  /** The answer as server-sent events, one chunk per token, at the set pace. */
  private stream(
    res: ServerResponse,
    response: ScriptedResponse,
    request: RecordedChatRequest,
    promptText: string,
  ): void {
    if (res.writableEnded || res.destroyed) return;
    const id = `chatcmpl-fake-${Math.random().toString(36).slice(2, 12)}`;
    const model = request.body.model ?? 'fake-model';
    const created = Math.floor(Date.now() / 1000);
    const chunk = (choices: unknown[], usage?: unknown): string =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...(usage ? { usage } : {}) })}\n\n`;
    const think =
      response.think === undefined
        ? ''
        : `<think>${response.think}${response.unterminatedThink ? '' : '</think>\n'}`;
    const content = think + (response.content ?? '');
    const pieces: string[] = [];
    const limit = response.stallAfterChars ?? content.length;
    for (let i = 0; i < Math.min(limit, content.length); i += CHARS_PER_TOKEN) {
      pieces.push(content.slice(i, Math.min(i + CHARS_PER_TOKEN, limit)));
    }
    const stalls = response.stallAfterChars !== undefined;
    const pace = response.tokensPerSecond ?? this.serverMode.tokensPerSecond;
    const interval = pace ? 1000 / pace : 0;
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      ...response.headers,
    });
    res.write(
      chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
    );
    const startedAt = Date.now();
    let sent = 0;
    const finish = (): void => {
      if (response.refusal) {
        res.write(chunk([{ index: 0, delta: { refusal: response.refusal }, finish_reason: null }]));
      }
      res.write(chunk([{ index: 0, delta: {}, finish_reason: response.finishReason ?? 'stop' }]));
      const options = request.body.stream_options as { include_usage?: boolean } | undefined;
      if (options?.include_usage && !this.serverMode.omitStreamUsage) {
        const promptTokens = response.usage?.promptTokens ?? estimateTokens(promptText);
        const completionTokens = response.usage?.completionTokens ?? estimateTokens(content);
        res.write(
          chunk([], {
            prompt_tokens: promptTokens,
            completion_tokens: completionTokens,
            total_tokens: promptTokens + completionTokens,
          }),
        );
      }
      res.end('data: [DONE]\n\n');
    };
    const next = (): void => {
      if (res.writableEnded || res.destroyed) return;
      // Several tokens per timer tick when the pace is faster than the timer.
      const due =
        interval === 0 ? pieces.length : Math.floor((Date.now() - startedAt) / interval) + 1;
      while (sent < Math.min(due, pieces.length)) {
        res.write(chunk([{ index: 0, delta: { content: pieces[sent] }, finish_reason: null }]));
        sent += 1;
      }
      if (sent < pieces.length) {
        const timer = setTimeout(
          () => {
            this.timers.delete(timer);
            next();
          },
          Math.max(1, startedAt + sent * interval - Date.now()),
        );
        this.timers.add(timer);
        return;
      }
      if (!stalls) finish();
      // A stalled answer holds the connection until the client gives up.
    };
    next();
  }

  private send(
    res: ServerResponse,
    response: ScriptedResponse,
    promptText: string,
    model?: string,
  ): void {
    if (res.writableEnded || res.destroyed) return;
    const status = response.status ?? 200;
    let body: unknown = response.body;
    if (body === undefined && status >= 400) {
      body = {
        error: {
          message: response.content ?? `Scripted HTTP ${status}`,
          type: 'fake_error',
          code: null,
        },
      };
    }
    if (body === undefined) {
      const think =
        response.think === undefined
          ? ''
          : `<think>${response.think}${response.unterminatedThink ? '' : '</think>\n'}`;
      const content = think + (response.content ?? '');
      body = chatCompletionBody(content, {
        model,
        promptTokens: response.usage?.promptTokens ?? estimateTokens(promptText),
        completionTokens: response.usage?.completionTokens ?? estimateTokens(content),
        finishReason: response.finishReason,
        refusal: response.refusal,
      });
    }
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', ...response.headers });
    res.end(text);
  }
}

/** A task of a scripted answer, in the answer's wire shape. */
export interface ScriptedTask {
  key: string;
  featureKey: string;
  title: string;
  description: string;
  acceptanceCriteria: string[];
  skills: { skill: string; minLevel: number }[];
  platform: string;
  estimate: { optimistic: number; likely: number; pessimistic: number };
  dependsOn: string[];
  requirementIds: string[];
}

/** A one-call plan answer in the wire shape of `@splitwork/planning-llm`; tests mutate it to script mistakes. */
export interface ScriptedPlanAnswer {
  features: { key: string; title: string }[];
  tasks: ScriptedTask[];
  /** The closing marker of every answer (`END`); an answer without it reads as cut off. */
  end: string;
}

export interface ScriptedOutlineAnswer {
  features: { key: string; title: string; requirementIds: string[]; sharedTaskKeys: string[] }[];
  end: string;
}

export interface ScriptedFeatureTasksAnswer {
  tasks: Omit<ScriptedTask, 'featureKey'>[];
  end: string;
}

function scriptedTask(task: PlannedTask): ScriptedTask {
  return {
    key: task.key,
    featureKey: task.featureKey,
    title: task.title,
    description: task.description,
    acceptanceCriteria: [...task.acceptanceCriteria],
    skills: task.skills.map((s) => ({ skill: s.skill, minLevel: s.minLevel })),
    platform: task.platform,
    estimate: { ...task.estimate },
    dependsOn: [...task.dependsOn],
    requirementIds: [...task.requirementIds],
  };
}

/**
 * A valid one-call plan answer for `brief`, so tests need not hand-write
 * JSON: the offline planner's plan in the answer's wire shape. It covers
 * every requirement that is not instruction-like, with the same ids the LLM
 * planner sends, and fits the settings' size band and platforms.
 */
export function scriptedPlanAnswer(
  brief: string,
  settings: PlanSettings = resolvePlanSettings(),
): ScriptedPlanAnswer {
  const plan = planOffline(brief, settings);
  return {
    features: plan.features.map((f) => ({ key: f.key, title: f.title })),
    tasks: plan.tasks.map(scriptedTask),
    end: 'END',
  };
}

/**
 * The outline of a plan answer: each feature with the requirements its tasks
 * trace to (each requirement given to the first feature tracing to it, so
 * coverage per feature holds) and, as shared keys, the tasks that other
 * features' tasks depend on.
 */
export function scriptedOutlineAnswer(answer: ScriptedPlanAnswer): ScriptedOutlineAnswer {
  const featureOf = new Map(answer.tasks.map((t) => [t.key, t.featureKey]));
  const owner = new Map<string, string>();
  for (const t of answer.tasks) {
    for (const id of t.requirementIds) if (!owner.has(id)) owner.set(id, t.featureKey);
  }
  const shared = new Set(
    answer.tasks.flatMap((t) => t.dependsOn.filter((d) => featureOf.get(d) !== t.featureKey)),
  );
  return {
    features: answer.features
      .filter((f) => answer.tasks.some((t) => t.featureKey === f.key))
      .map((f) => ({
        key: f.key,
        title: f.title,
        requirementIds: [...owner].filter(([, feature]) => feature === f.key).map(([id]) => id),
        sharedTaskKeys: answer.tasks
          .filter((t) => t.featureKey === f.key && shared.has(t.key))
          .map((t) => t.key),
      })),
    end: 'END',
  };
}

/** The tasks of one feature of a plan answer, as a per-feature answer (a copy: mutate it freely). */
export function scriptedFeatureTasksAnswer(
  answer: ScriptedPlanAnswer,
  featureKey: string,
): ScriptedFeatureTasksAnswer {
  return {
    tasks: answer.tasks
      .filter((t) => t.featureKey === featureKey)
      .map((t) => ({
        key: t.key,
        title: t.title,
        description: t.description,
        acceptanceCriteria: [...t.acceptanceCriteria],
        skills: t.skills.map((s) => ({ ...s })),
        platform: t.platform,
        estimate: { ...t.estimate },
        dependsOn: [...t.dependsOn],
        requirementIds: [...t.requirementIds],
      })),
    end: 'END',
  };
}
