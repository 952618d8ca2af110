import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from 'openai';
import type { JsonSchema } from './json-schema';
import type { ChatMessage } from './planning-prompts';

export interface ChatModelClientOptions {
  readonly apiKey: string;
  readonly baseURL: string;
  readonly model: string;
  /** Per HTTP attempt. */
  readonly timeoutMs: number;
  /** Retries the SDK makes itself (429, 408, 409, 5xx, timeouts, connection errors), with backoff. */
  readonly maxRetries: number;
}

export interface ChatRequest {
  readonly messages: readonly ChatMessage[];
  readonly schemaName: string;
  readonly schema: JsonSchema;
  readonly signal?: AbortSignal;
}

export interface ChatAnswer {
  /** The assistant message as received ('' when there was none). */
  readonly content: string;
  readonly refusal: string | null;
  readonly finishReason: string | null;
  readonly tokensIn: number;
  readonly tokensOut: number;
  /** HTTP requests it took, the SDK's retries included. */
  readonly attempts: number;
}

/** The endpoint gave no usable answer even after the SDK's retries. */
export class ModelEndpointError extends Error {
  constructor(
    readonly reason: string,
    readonly attempts: number,
    readonly aborted = false,
  ) {
    super(reason);
    this.name = 'ModelEndpointError';
  }
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
 * endpoint, through the official SDK: strict JSON-schema answers, a timeout
 * per attempt, the SDK's own retries with backoff (honouring `retry-after`),
 * every attempt counted, every failure turned into a `ModelEndpointError`
 * whose reason can be shown to a project owner.
 */
export class ChatModelClient {
  private readonly client: OpenAI;

  constructor(private readonly options: ChatModelClientOptions) {
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries,
    });
  }

  async complete(request: ChatRequest): Promise<ChatAnswer> {
    let attempts = 0;
    const countingFetch: Fetch = async (input, init) => {
      attempts += 1;
      try {
        return await fetch(input, init);
      } catch (error) {
        throw sameRealmError(error);
      }
    };
    try {
      const completion = await this.client
        .withOptions({ fetch: countingFetch })
        .chat.completions.create(
          {
            model: this.options.model,
            messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
            response_format: {
              type: 'json_schema',
              json_schema: { name: request.schemaName, strict: true, schema: request.schema },
            },
          },
          { signal: request.signal },
        );
      const choice = completion.choices?.[0];
      return {
        content: choice?.message?.content ?? '',
        refusal: choice?.message?.refusal ?? null,
        finishReason: choice?.finish_reason ?? null,
        tokensIn: completion.usage?.prompt_tokens ?? 0,
        tokensOut: completion.usage?.completion_tokens ?? 0,
        attempts,
      };
    } catch (error) {
      throw this.endpointError(error, attempts);
    }
  }

  private endpointError(error: unknown, attempts: number): ModelEndpointError {
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
        `The model endpoint timed out after ${tries} (${this.options.timeoutMs} ms each)`,
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
