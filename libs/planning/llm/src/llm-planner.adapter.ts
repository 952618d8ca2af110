import { performance } from 'node:perf_hooks';
import {
  assertSizeBand,
  OfflinePlanner,
  PlanningFailure,
  type PlannerAudit,
  type Plan,
  type PlannedTask,
  type Planner,
  type PlannerInput,
  type PlannerResult,
} from '@splitwork/planning-core';
import { checkTogether } from './answer-check';
import { ChatModelClient, ModelEndpointError } from './chat-model.client';
import { LlmAuditRecorder } from './llm-audit.recorder';
import {
  resolveLlmPlannerOptions,
  type LlmPlannerOptions,
  type ResolvedLlmPlannerOptions,
} from './llm-planner.options';
import { AnswerRejected, ModelConversation, type ConversationDeps } from './model-conversation';
import {
  checkFeatureTasksAnswer,
  checkOutlineAnswer,
  checkPlanAnswer,
  finalizePlan,
  mergeFeatureTasks,
  type Checked,
  type Outline,
} from './plan-answer.mapper';
import { parseAnswer } from './plan-answer.parser';
import {
  ANSWER_SCHEMA_NAMES,
  correctionSchema,
  FEATURE_TASKS_ANSWER_SCHEMA,
  LLM_PROMPT_VERSION,
  LLM_SCHEMA_VERSION,
  OUTLINE_ANSWER_SCHEMA,
  PLAN_ANSWER_SCHEMA,
  type FeatureTasksAnswer,
  type OutlineAnswer,
  type PlanAnswer,
} from './plan-answer.schema';
import { planningContext, type PlanningContext } from './planning-context';
import { ProgressReporter } from './planning-progress';
import { featureTasksMessages, outlineMessages, planMessages } from './planning-prompts';

const PLAN_CORRECTION_SCHEMA = correctionSchema(PLAN_ANSWER_SCHEMA);
const FEATURE_TASKS_CORRECTION_SCHEMA = correctionSchema(FEATURE_TASKS_ANSWER_SCHEMA);

/** Chains a schema parse and a semantic check into one conversation check. */
function then<A, B>(parsed: Checked<A>, next: (value: A) => Checked<B>): Checked<B> {
  return parsed.ok ? next(parsed.value) : parsed;
}

/** Runs `fn` over `items`, `limit` at a time; on the first failure starts no more, aborts `stop`, waits, rethrows it. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  stop: AbortController,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        await fn(items[index], index);
      } catch (error) {
        if (failure === undefined) {
          failure = { error };
          stop.abort();
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
}

interface Run {
  readonly brief: string;
  readonly context: PlanningContext;
  readonly progress: ProgressReporter;
  readonly deps: ConversationDeps;
  /** Aborts the calls in flight when one part of the run has failed. */
  readonly stop: AbortController;
}

/**
 * The Planner port through a language model behind any OpenAI-compatible
 * chat completions endpoint. The model only proposes: its answers are parsed
 * against a strict JSON schema, mapped to a core plan, checked by core's
 * validator, sent back with their problems for a bounded number of repairs,
 * fitted into the size band by core, and validated once more. A plan that
 * is returned has passed `validatePlan`; anything else is a PlanningFailure
 * with a reason and the audit of what was spent.
 *
 * Briefs up to `longBriefChars` are planned in one call; longer ones as an
 * outline (features and the requirements each covers) and one call per
 * feature, merged and checked across features.
 */
export class LlmPlanner implements Planner {
  readonly kind = 'LLM' as const;
  readonly model: string;
  readonly promptVersion = LLM_PROMPT_VERSION;
  readonly schemaVersion = LLM_SCHEMA_VERSION;
  private readonly options: ResolvedLlmPlannerOptions;
  private readonly client: ChatModelClient;

  constructor(options: LlmPlannerOptions) {
    this.options = resolveLlmPlannerOptions(options);
    this.model = this.options.model;
    this.client = new ChatModelClient(this.options);
  }

  /** Where the planner sends its calls, for the start-up banner (no key). */
  get endpoint(): string {
    return this.options.baseURL;
  }

  /** The settings that shape a run, for the start-up banner and logs. */
  describe(): Record<string, unknown> {
    const o = this.options;
    return {
      planner: this.kind,
      model: o.model,
      endpoint: o.baseURL,
      responseFormat: this.client.responseFormat,
      contextTokens: o.contextTokens,
      maxOutputTokens: o.maxOutputTokens,
      firstTokenTimeoutMs: o.firstTokenTimeoutMs,
      tokenGapTimeoutMs: o.tokenGapTimeoutMs,
      featureConcurrency: o.featureConcurrency,
      pricing: o.pricing ?? 'unknown',
      offlineFallback: o.offlineFallback,
    };
  }

  async plan(input: PlannerInput): Promise<PlannerResult> {
    // Bad settings or an over-long brief are the caller's input errors (DomainError), found before any call.
    assertSizeBand(input.settings.sizeBand);
    const context = planningContext(input.brief, input.settings, input.briefLineKinds);
    const audit = new LlmAuditRecorder({
      model: this.model,
      promptVersion: this.promptVersion,
      schemaVersion: this.schemaVersion,
      pricing: this.options.pricing,
    });
    const progress = new ProgressReporter(input.onProgress);
    const flagged = context.requirements.length - context.plannable.length;
    progress.report(
      'EXTRACTING',
      5,
      `Found ${context.plannable.length} requirement lines in the brief` +
        (flagged > 0 ? ` (${flagged} read like instructions and are left out)` : ''),
    );
    const stop = new AbortController();
    const signal = input.signal ? AbortSignal.any([stop.signal, input.signal]) : stop.signal;
    const { log } = this.options;
    const run: Run = {
      brief: input.brief,
      context,
      progress,
      deps: {
        client: this.client,
        audit,
        maxRepairs: this.options.maxRepairs,
        maxContinuations: this.options.maxContinuations,
        signal,
        log,
        runId: input.runId,
        onWaiting: (conversation) => {
          progress.newCall(conversation);
          progress.waiting(this.model, conversation);
        },
        onToken: (conversation, tokens) => progress.received(conversation, tokens),
      },
      stop,
    };
    const started = performance.now();
    const long = input.brief.length > this.options.longBriefChars;
    const summary = (outcome: string, result: PlannerAudit): Record<string, unknown> => ({
      runId: input.runId,
      outcome,
      model: this.model,
      endpoint: this.options.baseURL,
      mode: long ? 'outline+features' : 'one-call',
      briefChars: input.brief.length,
      requirements: context.plannable.length,
      modelCalls: result.modelCalls?.length ?? 0,
      attempts: result.calls,
      tokensIn: result.tokensIn,
      tokensOut: result.tokensOut,
      costMicroUsd: result.costMicroUsd ?? 'unknown',
      validationErrors: result.validationErrors.length,
      durationMs: Math.round(performance.now() - started),
    });
    try {
      const plan = long ? await this.planInSteps(run) : await this.planInOneCall(run);
      progress.report(
        'VALIDATING',
        99,
        `Planned ${plan.tasks.length} tasks in ${plan.features.length} features`,
      );
      const result = audit.snapshot();
      log?.info(
        { ...summary('succeeded', result), tasks: plan.tasks.length },
        'LLM planning run finished',
      );
      return { plan, audit: result };
    } catch (error) {
      if (error instanceof AnswerRejected || error instanceof ModelEndpointError) {
        const failed = audit.snapshot();
        log?.warn(
          { ...summary('failed', failed), reason: error.reason },
          'LLM planning run failed',
        );
        if (
          this.options.offlineFallback &&
          !(error instanceof ModelEndpointError && error.aborted)
        ) {
          return this.fallback(input, progress, failed, error.reason);
        }
        throw new PlanningFailure(error.reason, failed);
      }
      throw error;
    }
  }

  /** The offline planner's plan, labelled as a fallback, with the LLM path's audit and reason. */
  private async fallback(
    input: PlannerInput,
    progress: ProgressReporter,
    audit: PlannerAudit,
    reason: string,
  ): Promise<PlannerResult> {
    progress.report(
      'FALLBACK',
      95,
      `The model could not plan (${reason}); using the offline planner`,
    );
    const { plan } = await new OfflinePlanner().plan({
      brief: input.brief,
      settings: input.settings,
    });
    this.options.log?.warn(
      { runId: input.runId, model: this.model, tasks: plan.tasks.length },
      'LLM planning run fell back to the offline planner',
    );
    return { plan, audit: { ...audit, fallbackReason: reason } };
  }

  private async planInOneCall(run: Run): Promise<Plan> {
    const { context, progress } = run;
    const total = this.options.maxRepairs + 1;
    return new ModelConversation(run.deps, {
      name: 'plan',
      nameErrors: false,
      what: 'plan',
      messages: planMessages(run.brief, context),
      schemaName: ANSWER_SCHEMA_NAMES.plan,
      schema: PLAN_ANSWER_SCHEMA,
      correctionSchema: PLAN_CORRECTION_SCHEMA,
      onCall: (repair) =>
        repair === 0
          ? progress.report(
              'PROMPTING',
              10,
              `Asking ${this.model} to plan ${context.plannable.length} requirements`,
            )
          : progress.report(
              'REPAIRING',
              10 + (80 * repair) / total,
              `Asking ${this.model} to repair its plan (${repair}/${this.options.maxRepairs})`,
            ),
      check: (raw) => {
        progress.report('VALIDATING', progress.current + 2, 'Checking the answer');
        return checkTogether<PlanAnswer, Plan>(raw, PLAN_ANSWER_SCHEMA, (answer) =>
          then(checkPlanAnswer(answer, context), (plan) => finalizePlan(plan, context)),
        );
      },
    }).ask();
  }

  private async planInSteps(run: Run): Promise<Plan> {
    const outline = await this.outline(run);
    run.progress.report(
      'FEATURE',
      20,
      `Outline of ${outline.features.length} features; planning their tasks`,
    );
    const tasks = await this.featureTasks(run, outline);
    return this.mergeFeatures(run, outline, tasks);
  }

  private outline(run: Run): Promise<Outline> {
    const { context, progress } = run;
    return new ModelConversation(run.deps, {
      name: 'outline',
      nameErrors: true,
      what: 'outline',
      messages: outlineMessages(run.brief, context),
      schemaName: ANSWER_SCHEMA_NAMES.outline,
      schema: OUTLINE_ANSWER_SCHEMA,
      onCall: (repair) =>
        repair === 0
          ? progress.report(
              'OUTLINING',
              10,
              `Long brief: asking ${this.model} for the features of ${context.plannable.length} requirements`,
            )
          : progress.report(
              'REPAIRING',
              10 + repair * 3,
              `Asking ${this.model} to repair its outline (${repair}/${this.options.maxRepairs})`,
            ),
      check: (raw) =>
        then(parseAnswer<OutlineAnswer>(raw, OUTLINE_ANSWER_SCHEMA), (answer) =>
          checkOutlineAnswer(answer, context),
        ),
    }).ask();
  }

  private featureConversation(
    run: Run,
    outline: Outline,
    index: number,
  ): ModelConversation<PlannedTask[]> {
    const { context, progress } = run;
    const feature = outline.features[index];
    const n = outline.features.length;
    return new ModelConversation(run.deps, {
      name: `feature ${feature.key}`,
      nameErrors: true,
      what: `answer for feature "${feature.title}"`,
      messages: featureTasksMessages(run.brief, context, outline, feature),
      schemaName: ANSWER_SCHEMA_NAMES.featureTasks,
      schema: FEATURE_TASKS_ANSWER_SCHEMA,
      correctionSchema: FEATURE_TASKS_CORRECTION_SCHEMA,
      onCall: (repair) =>
        repair === 0
          ? progress.report(
              'FEATURE',
              progress.current,
              `Planning feature ${index + 1}/${n}: ${feature.title}`,
            )
          : progress.report(
              'REPAIRING',
              progress.current,
              `Asking ${this.model} to repair the tasks of feature ${index + 1}/${n}: ${feature.title} (${repair}/${this.options.maxRepairs})`,
            ),
      check: (raw) =>
        checkTogether<FeatureTasksAnswer, PlannedTask[]>(
          raw,
          FEATURE_TASKS_ANSWER_SCHEMA,
          (answer) => checkFeatureTasksAnswer(answer, outline, feature.key, context),
        ),
    });
  }

  private async featureTasks(
    run: Run,
    outline: Outline,
  ): Promise<
    Map<string, { conversation: ModelConversation<PlannedTask[]>; tasks: PlannedTask[] }>
  > {
    const n = outline.features.length;
    const results = new Map<
      string,
      { conversation: ModelConversation<PlannedTask[]>; tasks: PlannedTask[] }
    >();
    let done = 0;
    await forEachLimited(
      outline.features,
      this.options.featureConcurrency,
      run.stop,
      async (feature, index) => {
        const conversation = this.featureConversation(run, outline, index);
        const tasks = await conversation.ask();
        results.set(feature.key, { conversation, tasks });
        done += 1;
        run.progress.report(
          'FEATURE',
          20 + (70 * done) / n,
          `Planned ${done}/${n} features (${feature.title}: ${tasks.length} tasks)`,
        );
      },
    );
    return results;
  }

  /** Merges the features and sends problems only the whole plan shows back to the features concerned. */
  private async mergeFeatures(
    run: Run,
    outline: Outline,
    results: Map<string, { conversation: ModelConversation<PlannedTask[]>; tasks: PlannedTask[] }>,
  ): Promise<Plan> {
    const { context, progress, deps } = run;
    for (;;) {
      progress.report('VALIDATING', 92, 'Checking the features together');
      const tasksByFeature = new Map([...results].map(([key, r]) => [key, r.tasks]));
      const merged = mergeFeatureTasks(outline, tasksByFeature, context);
      if (merged.unrouted.length > 0) {
        deps.audit.recordErrors('plan', merged.unrouted);
        throw new AnswerRejected(
          `The merged plan is invalid: ${merged.unrouted.slice(0, 3).join('; ')}`,
        );
      }
      if (merged.problems.size === 0) {
        progress.report('VALIDATING', 95, 'Fitting the tasks into the size band');
        const final = finalizePlan(merged.plan, context);
        if (final.ok) return final.value;
        deps.audit.recordErrors('plan', final.errors);
        throw new AnswerRejected(
          `The plan was invalid once fitted into the size band: ${final.errors.slice(0, 3).join('; ')}`,
        );
      }
      progress.report(
        'REPAIRING',
        progress.current,
        `Asking ${this.model} to repair ${merged.problems.size} feature(s) that conflict with others`,
      );
      await forEachLimited(
        [...merged.problems],
        this.options.featureConcurrency,
        run.stop,
        async ([key, errors]) => {
          const result = results.get(key);
          if (!result) throw new Error(`No conversation for feature ${key}`);
          results.set(key, { ...result, tasks: await result.conversation.correct(errors) });
        },
      );
    }
  }
}
