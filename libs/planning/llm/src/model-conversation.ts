import type { ChatAnswer, ChatModelClient } from './chat-model.client';
import { ModelEndpointError } from './chat-model.client';
import type { JsonSchema } from './json-schema';
import type { LlmAuditRecorder } from './llm-audit.recorder';
import type { Checked } from './plan-answer.mapper';
import { repairMessage, type ChatMessage } from './planning-prompts';

/** An answer that stayed invalid once the repairs were used up. */
export class AnswerRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'AnswerRejected';
  }
}

export interface ConversationDeps {
  readonly client: ChatModelClient;
  readonly audit: LlmAuditRecorder;
  readonly maxRepairs: number;
  readonly signal?: AbortSignal;
}

export interface ConversationSpec<T> {
  /** Key of the conversation in the audit (`plan`, `outline`, `feature auth`). */
  readonly name: string;
  /** Whether the audit's validation errors carry the name (runs with several conversations). */
  readonly nameErrors: boolean;
  /** What the answer is, for a failure reason: `plan`, `outline`, `answer for feature "Auth"`. */
  readonly what: string;
  readonly messages: readonly ChatMessage[];
  readonly schemaName: string;
  readonly schema: JsonSchema;
  /** Parses, checks and maps a raw answer; errors are sent back to the model. */
  readonly check: (raw: string) => Checked<T>;
  /** Called before each model call: `repair` is 0 for the first one. */
  readonly onCall?: (repair: number) => void;
}

/** The assistant's own answer is sent back with a repair request up to this size. */
const MAX_ECHOED_ANSWER_CHARS = 100_000;
/** Problems quoted in a failure reason; the audit has them all. */
const MAX_REASON_ERRORS = 3;

function replyProblems(reply: ChatAnswer): string[] {
  if (reply.refusal) return [`The model refused to answer: ${reply.refusal}`];
  if (reply.finishReason === 'length') {
    return [
      'The answer was cut off at the output token limit; answer again with shorter descriptions so that the whole JSON object fits',
    ];
  }
  return [];
}

/**
 * One exchange with the model about one answer: ask, check, and send the
 * problems back for a complete corrected answer at most `maxRepairs` times.
 * Every call is recorded in the audit; an endpoint failure or an answer that
 * stays invalid ends the exchange with a reason for the owner.
 */
export class ModelConversation<T> {
  private readonly messages: ChatMessage[];
  private repairs = 0;
  private lastAnswer = '';

  constructor(
    private readonly deps: ConversationDeps,
    private readonly spec: ConversationSpec<T>,
  ) {
    this.messages = [...spec.messages];
  }

  /** Repairs left to this conversation. */
  get repairsLeft(): number {
    return this.deps.maxRepairs - this.repairs;
  }

  ask(): Promise<T> {
    return this.answer();
  }

  /** Sends problems found outside this conversation (e.g. across features) back for a corrected answer. */
  correct(errors: readonly string[]): Promise<T> {
    this.recordErrors(errors);
    this.echo(this.lastAnswer);
    this.requestRepair(errors);
    return this.answer();
  }

  private async answer(): Promise<T> {
    for (;;) {
      this.spec.onCall?.(this.repairs);
      const reply = await this.call();
      this.lastAnswer = reply.content;
      this.deps.audit.recordAnswer(this.spec.name, reply.content);
      const problems = replyProblems(reply);
      const checked: Checked<T> =
        problems.length > 0 ? { ok: false, errors: problems } : this.spec.check(reply.content);
      if (checked.ok) return checked.value;
      this.recordErrors(checked.errors);
      this.echo(reply.content);
      this.requestRepair(checked.errors);
    }
  }

  private async call(): Promise<ChatAnswer> {
    try {
      const reply = await this.deps.client.complete({
        messages: this.messages,
        schemaName: this.spec.schemaName,
        schema: this.spec.schema,
        signal: this.deps.signal,
      });
      this.deps.audit.recordCall(reply);
      return reply;
    } catch (error) {
      if (error instanceof ModelEndpointError) this.deps.audit.recordFailedAttempts(error.attempts);
      throw error;
    }
  }

  private echo(answer: string): void {
    this.messages.push({ role: 'assistant', content: answer.slice(0, MAX_ECHOED_ANSWER_CHARS) });
  }

  private recordErrors(errors: readonly string[]): void {
    this.deps.audit.recordErrors(this.spec.nameErrors ? this.spec.name : undefined, errors);
  }

  private requestRepair(errors: readonly string[]): void {
    if (this.repairs >= this.deps.maxRepairs) throw new AnswerRejected(this.failureReason(errors));
    this.repairs += 1;
    this.messages.push(repairMessage(errors));
  }

  private failureReason(errors: readonly string[]): string {
    const quoted = errors.slice(0, MAX_REASON_ERRORS).join('; ');
    const more =
      errors.length > MAX_REASON_ERRORS ? ` (and ${errors.length - MAX_REASON_ERRORS} more)` : '';
    const n = this.deps.maxRepairs;
    const state =
      n === 0
        ? 'was invalid (repairs are turned off)'
        : `was still invalid after ${n} repair attempt${n === 1 ? '' : 's'}`;
    return `The model's ${this.spec.what} ${state}: ${quoted}${more}`;
  }
}
