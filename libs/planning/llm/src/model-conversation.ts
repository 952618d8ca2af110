import {
  cutOffReason,
  jsonPart,
  mergeCorrection,
  omit,
  partialAnswer,
  type PartialAnswer,
} from './answer-completeness';
import { stripThinking } from './answer-text';
import type { ChatAnswer, ChatModelClient } from './chat-model.client';
import { ModelEndpointError } from './chat-model.client';
import type { JsonSchema } from './json-schema';
import type { LlmAuditRecorder } from './llm-audit.recorder';
import type { PlannerLog } from './llm-planner.options';
import type { Checked } from './plan-answer.mapper';
import { parseJsonText } from './plan-answer.parser';
import {
  continuationMessage,
  repairMessage,
  type ChatMessage,
  type RepairContext,
} from './planning-prompts';

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
  readonly maxContinuations: number;
  readonly signal?: AbortSignal;
  /** Streaming progress of the call in flight. */
  readonly onWaiting?: (conversation: string) => void;
  readonly onToken?: (conversation: string, tokens: number) => void;
  /** One line per model call; never the brief or the answer text. */
  readonly log?: PlannerLog;
  readonly runId?: string;
}

export type CallPurpose = 'ask' | 'repair' | 'continue';

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
  /**
   * For answers with a `tasks` array: the schema of a correction (tasks
   * changed or added, keys removed). Repairs then send the problems and the
   * tasks they concern, and the model answers with the correction only; a
   * cut-off answer is continued from its last complete task. Without it,
   * repairs ask for the whole answer again.
   */
  readonly correctionSchema?: JsonSchema;
  /** Parses, checks and maps a raw answer (thinking removed); errors are sent back to the model. */
  readonly check: (raw: string) => Checked<T>;
  /** Called before each model call: `repair` is 0 for the first one. */
  readonly onCall?: (repair: number, purpose: CallPurpose) => void;
}

/** An answer without a task list (the outline) is shown back with its problems up to this size. */
const MAX_ECHOED_ANSWER_CHARS = 8_000;
/** Problems quoted in a failure reason; the audit has them all. */
const MAX_REASON_ERRORS = 3;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An answer as a base for corrections: its fields and tasks, or null when it has no task list. */
function asBase(value: unknown): PartialAnswer | null {
  if (!isRecord(value) || !Array.isArray(value.tasks)) return null;
  return {
    fields: omit(value, 'tasks', 'end', 'removeTaskKeys'),
    tasks: value.tasks.filter(isRecord),
  };
}

/**
 * One exchange with the model about one answer: ask, check, and send the
 * problems back for a correction at most `maxRepairs` times. Corrections do
 * not resend the whole previous answer: the model gets the problems, the
 * tasks they concern and a one-line index of the rest, and answers with the
 * changes only, which are laid over the previous answer. A cut-off answer is
 * continued from its last complete task (at most `maxContinuations` times)
 * and never accepted short. Every call is recorded in the audit.
 */
export class ModelConversation<T> {
  private repairs = 0;
  private continuations = 0;
  /** The answer so far, when corrections are laid over it. */
  private base: PartialAnswer | null = null;
  private next: { messages: readonly ChatMessage[]; purpose: CallPurpose };
  /** The last answer (thinking removed), shown back with its problems when it is small. */
  private lastText = '';

  constructor(
    private readonly deps: ConversationDeps,
    private readonly spec: ConversationSpec<T>,
  ) {
    this.next = { messages: spec.messages, purpose: 'ask' };
  }

  /** Repairs left to this conversation. */
  get repairsLeft(): number {
    return this.deps.maxRepairs - this.repairs;
  }

  ask(): Promise<T> {
    return this.answer();
  }

  /** Sends problems found outside this conversation (e.g. across features) back for a correction. */
  correct(errors: readonly string[]): Promise<T> {
    this.recordErrors(errors);
    this.requestRepair(errors, null);
    return this.answer();
  }

  private async answer(): Promise<T> {
    for (;;) {
      const { messages, purpose } = this.next;
      this.spec.onCall?.(this.repairs, purpose);
      const reply = await this.call(messages, purpose);
      const text = stripThinking(reply.content);
      this.lastText = text;
      if (reply.refusal) {
        const errors = [`The model refused to answer: ${reply.refusal}`];
        this.recordErrors(errors);
        this.requestRepair(errors, null);
        continue;
      }
      const cut = cutOffReason(text, reply.finishReason);
      if (cut !== null) {
        const partial = this.spec.correctionSchema ? partialAnswer(text) : null;
        if (partial && this.continuations < this.deps.maxContinuations) {
          this.continuations += 1;
          this.recordErrors([
            `${cut}; continued after its ${partial.tasks.length} complete task(s)`,
          ]);
          this.base = this.base
            ? asBase(mergeCorrection(this.base, { ...partial.fields, tasks: partial.tasks }))
            : partial;
          this.next = {
            messages: [...this.spec.messages, continuationMessage(this.base?.tasks ?? [])],
            purpose: 'continue',
          };
          continue;
        }
        const errors = [
          `${cut}; answer again with shorter descriptions so that the whole JSON object fits`,
        ];
        this.recordErrors(errors);
        this.requestRepair(errors, this.base);
        continue;
      }
      const combined = this.combine(text);
      const checked = this.spec.check(combined.text);
      if (checked.ok) {
        // Kept for corrections asked later from outside (problems across features).
        this.base = combined.value;
        return checked.value;
      }
      this.recordErrors(checked.errors);
      this.requestRepair(checked.errors, combined.value);
    }
  }

  /** The answer, laid over the answer so far when this one is a correction. */
  private combine(text: string): { text: string; value: PartialAnswer | null } {
    const parsed = parseJsonText(jsonPart(text));
    if (!parsed.ok) return { text, value: this.base };
    if (this.base && isRecord(parsed.value)) {
      const merged = mergeCorrection(this.base, parsed.value);
      return { text: JSON.stringify(merged), value: asBase(merged) };
    }
    return { text, value: this.spec.correctionSchema ? asBase(parsed.value) : null };
  }

  private async call(messages: readonly ChatMessage[], purpose: CallPurpose): Promise<ChatAnswer> {
    const { name } = this.spec;
    const schema =
      purpose === 'ask' || !this.spec.correctionSchema || this.base === null
        ? this.spec.schema
        : this.spec.correctionSchema;
    try {
      const reply = await this.deps.client.complete({
        messages,
        schemaName: schema === this.spec.schema ? this.spec.schemaName : 'splitwork_correction',
        schema,
        signal: this.deps.signal,
        onWaiting: () => this.deps.onWaiting?.(name),
        onToken: (tokens) => this.deps.onToken?.(name, tokens),
      });
      const record = this.deps.audit.recordCall(name, purpose, reply);
      this.deps.log?.info(
        { runId: this.deps.runId, ...omit(record, 'rawAnswer', 'error') },
        'model call finished',
      );
      return reply;
    } catch (error) {
      if (error instanceof ModelEndpointError) {
        const record = this.deps.audit.recordFailedCall(name, purpose, error);
        this.deps.log?.warn(
          { runId: this.deps.runId, ...omit(record, 'rawAnswer') },
          'model call failed',
        );
      }
      throw error;
    }
  }

  private recordErrors(errors: readonly string[]): void {
    this.deps.audit.recordErrors(this.spec.nameErrors ? this.spec.name : undefined, errors);
  }

  /**
   * Queues the repair call: with a correction schema and a previous answer,
   * the problems, the tasks they name and an index of the others; the index
   * and then the tasks are left out when the prompt would not fit the context.
   */
  private requestRepair(errors: readonly string[], previous: PartialAnswer | null): void {
    if (this.repairs >= this.deps.maxRepairs) throw new AnswerRejected(this.failureReason(errors));
    this.repairs += 1;
    const base = this.spec.correctionSchema ? (previous ?? this.base) : null;
    this.base = base;
    const schema = base ? (this.spec.correctionSchema ?? this.spec.schema) : this.spec.schema;
    const attempts: RepairContext[] = base
      ? [
          { tasks: base.tasks, index: true, quoted: true },
          { tasks: base.tasks, index: false, quoted: true },
          { tasks: base.tasks, index: false, quoted: false },
        ]
      : [{ tasks: null, index: false, quoted: false }];
    // An answer without a task list (the outline), when small, is shown back as the model's own turn.
    const echo: ChatMessage[] =
      !this.spec.correctionSchema &&
      this.lastText !== '' &&
      this.lastText.length <= MAX_ECHOED_ANSWER_CHARS
        ? [{ role: 'assistant', content: this.lastText }]
        : [];
    for (const context of attempts) {
      const messages = [...this.spec.messages, ...echo, repairMessage(errors, context)];
      if (this.deps.client.fits(messages, schema) || context === attempts[attempts.length - 1]) {
        this.next = { messages, purpose: 'repair' };
        return;
      }
    }
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
