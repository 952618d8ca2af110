import { performance } from 'node:perf_hooks';
import type OpenAI from 'openai';
import { answerBudget, estimatePromptTokens, estimateTokens } from './context-budget';
import type { JsonSchema } from './json-schema';
import { patientFetch } from './patient-fetch';
import type { PlannerLog, ResponseFormatSetting } from './llm-planner.options';
import type { ChatMessage } from './planning-prompts';

export interface ChatModelClientOptions {
  readonly apiKey: string;
  readonly baseURL: string;
  readonly model: string;
  /** Longest wait for the first streamed token (queueing at the server included). */
  readonly firstTokenTimeoutMs: number;
  /** Longest silence between two streamed tokens. */
  readonly tokenGapTimeoutMs: number;
  /** Retries of one call (the SDK's for 429, 408, 409, 5xx and connection errors; ours for stalled streams). */
  readonly maxRetries: number;
  readonly contextTokens: number;
  readonly maxOutputTokens: number;
  readonly responseFormat: ResponseFormatSetting;
  readonly log?: PlannerLog;
}

export interface ChatRequest {
  readonly messages: readonly ChatMessage[];
  readonly schemaName: string;
  readonly schema: JsonSchema;
  readonly signal?: AbortSignal;
  /** Called as tokens stream in (reasoning tokens included) with the count so far. */
  readonly onToken?: (tokens: number) => void;
  /** Called when the request is sent, before the first token (which may wait in the server's queue). */
  readonly onWaiting?: () => void;
}

/** How the answer's shape was asked for. */
export type ResponseFormatMode = 'json_schema' | 'json_object' | 'prompt';

export interface ChatAnswer {
  /** The assistant message as received ('' when there was none), thinking included. */
  readonly content: string;
  readonly refusal: string | null;
  readonly finishReason: string | null;
  readonly tokensIn: number;
  readonly tokensOut: number;
  /** Whether the endpoint reported usage (else tokens are estimated from the text). */
  readonly usageReported: boolean;
  /** HTTP requests it took, retries included. */
  readonly attempts: number;
  readonly durationMs: number;
  readonly firstTokenMs: number | null;
  readonly responseFormat: ResponseFormatMode;
}

/** The endpoint gave no usable answer even after the retries. */
export class ModelEndpointError extends Error {
  constructor(
    readonly reason: string,
    readonly attempts: number,
    readonly aborted = false,
    readonly durationMs = 0,
  ) {
    super(reason);
    this.name = 'ModelEndpointError';
  }
}

/** The request was refused for its `response_format` (llama.cpp, Ollama and others answer 400). */
const FORMAT_REFUSED = /response_format|json_schema|json schema|structured output|grammar/i;

const NEXT_FORMAT: Record<ResponseFormatMode, ResponseFormatMode | null> = {
  json_schema: 'json_object',
  json_object: 'prompt',
  prompt: null,
};

/** OpenAI's reasoning models take `max_completion_tokens` and refuse `max_tokens`. */
function usesCompletionTokens(model: string): boolean {
  return /^(openai\/)?(o\d|gpt-5)/i.test(model.trim());
}

/** The schema in the prompt, for endpoints that cannot be given it as the response format. */
function withSchemaInPrompt(messages: readonly ChatMessage[], schema: JsonSchema): ChatMessage[] {
  const note = `The answer must be one JSON object that validates against this JSON Schema, with nothing before or after it:\n${JSON.stringify(schema)}`;
  const [first, ...rest] = messages;
  if (first?.role === 'system')
    return [{ role: 'system', content: `${first.content}\n\n${note}` }, ...rest];
  return [{ role: 'system', content: note }, ...messages];
}

type OpenAiSdk = typeof import('openai');

/**
 * The OpenAI SDK (1.5 MB of code), required when the first client is made:
 * a process without OPENAI_API_KEY, and every API replica that leaves
 * planning to the worker, never loads it. Its error classes are read from
 * here too, so `instanceof` sees the same classes the client throws.
 */
function openaiSdk(): OpenAiSdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('openai') as OpenAiSdk;
}

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const MAX_DETAIL_CHARS = 300;

function detail(message: string): string {
  const oneLine = message.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_DETAIL_CHARS ? `${oneLine.slice(0, MAX_DETAIL_CHARS)}…` : oneLine;
}

/**
 * `fetch` failures as errors of this realm, name and cause kept. Under a vm
 * sandbox (jest) Node's fetch rejects with errors of another realm, which
 * the SDK would flatten to "{}" and so miss that an attempt timed out.
 */
function sameRealmError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (typeof error !== 'object' || error === null) return new Error(String(error));
  const { name, message, cause } = error as { name?: unknown; message?: unknown; cause?: unknown };
  const copy = new Error(typeof message === 'string' ? message : 'fetch failed', {
    cause: cause === undefined ? undefined : sameRealmError(cause),
  });
  if (typeof name === 'string') copy.name = name;
  return copy;
}

/** The innermost cause's message: `connect ECONNREFUSED 127.0.0.1:443` rather than `fetch failed`. */
function rootCause(error: Error): string {
  let current: unknown = error;
  let message = error.message;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current.message) message = current.message;
    current = current.cause;
  }
  return detail(message);
}

function attemptsText(attempts: number): string {
  return `${attempts} attempt${attempts === 1 ? '' : 's'}`;
}

/**
 * The one place that talks to an OpenAI-compatible chat completions
 * endpoint, through the official SDK. Answers are streamed: the first token
 * may wait as long as `firstTokenTimeoutMs` (a single-slot local server
 * queues the request while it serves another), after that no gap between two
 * tokens may exceed `tokenGapTimeoutMs`, however long the whole answer takes.
 * `max_tokens` is what the context leaves after the (estimated) prompt; a
 * prompt that leaves too little is refused before any call. A server that
 * refuses `json_schema` is asked with `json_object`, then with the schema in
 * the prompt, and this endpoint keeps the format that worked. Every failure
 * becomes a `ModelEndpointError` whose reason can be shown to a project owner.
 */
export class ChatModelClient {
  private readonly client: OpenAI;
  private format: ResponseFormatMode;

  constructor(private readonly options: ChatModelClientOptions) {
    this.client = new (openaiSdk().OpenAI)({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      // Our own timers (first token, gap) abort first; this only bounds what they do not see.
      timeout: options.firstTokenTimeoutMs + 1_000,
      maxRetries: options.maxRetries,
    });
    this.format = options.responseFormat === 'auto' ? 'json_schema' : options.responseFormat;
  }

  /** The response format this endpoint is asked with now (it steps down when refused). */
  get responseFormat(): ResponseFormatMode {
    return this.format;
  }

  /** The messages as they would be sent, and whether they leave room for an answer. */
  fits(messages: readonly ChatMessage[], schema: JsonSchema): boolean {
    return answerBudget(this.promptTokens(messages, schema, this.format), this.options).ok;
  }

  async complete(request: ChatRequest): Promise<ChatAnswer> {
    const { APIError } = openaiSdk();
    for (;;) {
      const format = this.format;
      try {
        return await this.stream(request, format);
      } catch (error) {
        const next = NEXT_FORMAT[format];
        if (
          this.options.responseFormat === 'auto' &&
          next !== null &&
          error instanceof APIError &&
          (error.status === 400 || error.status === 422) &&
          FORMAT_REFUSED.test(error.message)
        ) {
          this.format = next;
          this.options.log?.warn(
            { model: this.options.model, endpoint: this.options.baseURL, refused: format, next },
            `model endpoint refused response_format ${format}; asking with ${next} from now on`,
          );
          continue;
        }
        if (error instanceof ModelEndpointError) throw error;
        throw this.endpointError(error, (error as { attempts?: number }).attempts ?? 1);
      }
    }
  }

  private promptTokens(
    messages: readonly ChatMessage[],
    schema: JsonSchema,
    format: ResponseFormatMode,
  ): number {
    const sent = format === 'json_schema' ? messages : withSchemaInPrompt(messages, schema);
    return estimatePromptTokens(sent, format === 'json_schema' ? JSON.stringify(schema) : '');
  }

  private async stream(request: ChatRequest, format: ResponseFormatMode): Promise<ChatAnswer> {
    const messages =
      format === 'json_schema'
        ? request.messages
        : withSchemaInPrompt(request.messages, request.schema);
    const budget = answerBudget(
      this.promptTokens(request.messages, request.schema, format),
      this.options,
    );
    if (!budget.ok) throw new ModelEndpointError(budget.reason, 0);
    const { firstTokenTimeoutMs, tokenGapTimeoutMs, maxRetries, model } = this.options;
    const body = {
      model,
      messages: messages.map((m) => ({ role: m.role, content: m.content })),
      stream: true as const,
      stream_options: { include_usage: true },
      ...(usesCompletionTokens(model)
        ? { max_completion_tokens: budget.maxTokens }
        : { max_tokens: budget.maxTokens }),
      ...(format === 'json_schema'
        ? {
            response_format: {
              type: 'json_schema' as const,
              json_schema: { name: request.schemaName, strict: true, schema: request.schema },
            },
          }
        : format === 'json_object'
          ? { response_format: { type: 'json_object' as const } }
          : {}),
    };
    let attempts = 0;
    const countingFetch: Fetch = async (input, init) => {
      attempts += 1;
      try {
        return await patientFetch(input, init);
      } catch (error) {
        throw sameRealmError(error);
      }
    };
    const started = performance.now();
    for (let stalls = 0; ; stalls++) {
      const controller = new AbortController();
      const signal = request.signal
        ? AbortSignal.any([controller.signal, request.signal])
        : controller.signal;
      let timedOut: 'first' | 'gap' | null = null;
      let timer: NodeJS.Timeout | undefined;
      const arm = (ms: number, kind: 'first' | 'gap'): void => {
        clearTimeout(timer);
        timer = setTimeout(
          () => {
            timedOut = kind;
            controller.abort();
          },
          Math.max(0, ms),
        );
      };
      // Each attempt (a retry after a stalled stream too) may wait its whole first-token time.
      arm(firstTokenTimeoutMs, 'first');
      let content = '';
      let refusal = '';
      let finishReason: string | null = null;
      let usage: { prompt_tokens?: number; completion_tokens?: number } | null = null;
      let tokens = 0;
      let firstTokenAt: number | null = null;
      try {
        request.onWaiting?.();
        const stream = await this.client
          .withOptions({ fetch: countingFetch })
          .chat.completions.create(body, { signal });
        for await (const chunk of stream) {
          const choice = chunk.choices?.[0];
          const delta = choice?.delta as
            | {
                content?: string | null;
                refusal?: string | null;
                reasoning_content?: string | null;
                reasoning?: string | null;
              }
            | undefined;
          const piece = delta?.content ?? '';
          const thought = delta?.reasoning_content ?? delta?.reasoning ?? '';
          const refused = delta?.refusal ?? '';
          if (piece || thought || refused) {
            tokens += 1;
            firstTokenAt ??= performance.now();
            arm(tokenGapTimeoutMs, 'gap');
            request.onToken?.(tokens);
          }
          content += piece;
          refusal += refused;
          if (choice?.finish_reason) finishReason = choice.finish_reason;
          if (chunk.usage) usage = chunk.usage;
        }
        clearTimeout(timer);
        // The SDK ends a stream quietly when it is aborted: an answer cut by us is no answer.
        if (signal.aborted) throw new Error('The stream was aborted');
        const usageReported = usage !== null;
        return {
          content,
          refusal: refusal || null,
          finishReason,
          tokensIn: usage?.prompt_tokens ?? budget.promptTokens,
          tokensOut: usage?.completion_tokens ?? Math.max(tokens, estimateTokens(content)),
          usageReported,
          attempts,
          durationMs: Math.round(performance.now() - started),
          firstTokenMs: firstTokenAt === null ? null : Math.round(firstTokenAt - started),
          responseFormat: format,
        };
      } catch (error) {
        clearTimeout(timer);
        const durationMs = Math.round(performance.now() - started);
        if (request.signal?.aborted) {
          throw new ModelEndpointError(
            'The planning run was aborted while waiting for the model',
            attempts,
            true,
            durationMs,
          );
        }
        if (timedOut === 'gap' && stalls < maxRetries) continue;
        if (timedOut === 'first') {
          throw new ModelEndpointError(
            `The model endpoint sent no token within ${firstTokenTimeoutMs} ms (${attemptsText(attempts)}); ` +
              'a busy local server queues requests: raise LLM_FIRST_TOKEN_TIMEOUT_MS',
            attempts,
            false,
            durationMs,
          );
        }
        if (timedOut === 'gap') {
          throw new ModelEndpointError(
            `The model endpoint stopped sending tokens for ${tokenGapTimeoutMs} ms after ${tokens} tokens (${attemptsText(attempts)})`,
            attempts,
            false,
            durationMs,
          );
        }
        if (error instanceof openaiSdk().APIError && FORMAT_REFUSED.test(error.message)) {
          throw Object.assign(error, { attempts });
        }
        const failure = this.endpointError(error, attempts);
        throw new ModelEndpointError(failure.reason, attempts, failure.aborted, durationMs);
      }
    }
  }

  private endpointError(error: unknown, attempts: number): ModelEndpointError {
    const { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } =
      openaiSdk();
    const tries = attemptsText(attempts);
    if (error instanceof APIUserAbortError) {
      return new ModelEndpointError(
        'The planning run was aborted while waiting for the model',
        attempts,
        true,
      );
    }
    if (error instanceof APIConnectionTimeoutError) {
      return new ModelEndpointError(
        `The model endpoint timed out after ${tries} (${this.options.firstTokenTimeoutMs} ms)`,
        attempts,
      );
    }
    if (error instanceof APIConnectionError) {
      const cause = error.cause instanceof Error ? `: ${rootCause(error.cause)}` : '';
      return new ModelEndpointError(
        `The model endpoint could not be reached after ${tries}${cause}`,
        attempts,
      );
    }
    if (error instanceof APIError) {
      const raw: unknown = error.status;
      const status = typeof raw === 'number' ? raw : 0;
      const message = detail(error.message);
      if (status === 401) {
        return new ModelEndpointError(
          'The model endpoint rejected the API key (HTTP 401); check OPENAI_API_KEY',
          attempts,
        );
      }
      if (status === 403) {
        return new ModelEndpointError(
          `The model endpoint refused access (HTTP 403): ${message}`,
          attempts,
        );
      }
      if (status === 404) {
        return new ModelEndpointError(
          `The model endpoint does not know model "${this.options.model}" or the chat completions API (HTTP 404)`,
          attempts,
        );
      }
      if (status === 429) {
        return new ModelEndpointError(
          `The model endpoint was still rate limiting (HTTP 429) after ${tries}: ${message}`,
          attempts,
        );
      }
      if (status >= 500) {
        return new ModelEndpointError(
          `The model endpoint kept failing (HTTP ${status}) after ${tries}`,
          attempts,
        );
      }
      return new ModelEndpointError(
        `The model endpoint rejected the request (HTTP ${status}): ${message}`,
        attempts,
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    return new ModelEndpointError(
      `The model call failed after ${tries}: ${detail(message)}`,
      attempts,
    );
  }
}
