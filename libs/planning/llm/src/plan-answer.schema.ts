import { PLAN_SCHEMA_VERSION, PLATFORMS, SKILL_LEVELS } from '@splitwork/planning-core';
import { END_MARKER } from './answer-completeness';
import type { JsonSchema } from './json-schema';

/** Version of the prompts and answer schemas below; part of the plan cache key. */
export const LLM_PROMPT_VERSION = 'llm-2';
/** The plan document the answers are mapped to (shared with the offline planner). */
export const LLM_SCHEMA_VERSION = PLAN_SCHEMA_VERSION;

const stringList = (description: string): JsonSchema => ({
  type: 'array',
  description,
  items: { type: 'string' },
});

const TASK_PROPERTIES = {
  key: {
    type: 'string',
    description: 'Unique kebab-case key, prefixed by the feature key, e.g. "auth-api-1"',
  },
  title: { type: 'string', description: 'Short imperative title' },
  description: {
    type: 'string',
    description: 'What to build, precise enough for a freelancer who has not read the brief',
  },
  acceptanceCriteria: stringList('Checklist a reviewer can score item by item'),
  skills: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        skill: { type: 'string', description: 'Lowercase kebab-case, e.g. "react", "nestjs"' },
        minLevel: {
          type: 'integer',
          enum: SKILL_LEVELS,
          description: '1 = junior … 5 = expert',
        },
      },
      required: ['skill', 'minLevel'],
      additionalProperties: false,
    },
  },
  platform: { type: 'string', enum: PLATFORMS },
  estimate: {
    type: 'object',
    description: 'Hours; optimistic <= likely <= pessimistic',
    properties: {
      optimistic: { type: 'number' },
      likely: { type: 'number' },
      pessimistic: { type: 'number' },
    },
    required: ['optimistic', 'likely', 'pessimistic'],
    additionalProperties: false,
  },
  dependsOn: stringList('Keys of the tasks that must be finished first'),
  requirementIds: stringList('Ids of the requirements this task delivers, e.g. "R3"'),
} as const satisfies Record<string, JsonSchema>;

const TASK_REQUIRED = [
  'key',
  'title',
  'description',
  'acceptanceCriteria',
  'skills',
  'platform',
  'estimate',
  'dependsOn',
  'requirementIds',
] as const;

/** Closes every answer, so that an answer that stopped early (even between two tasks) shows it. */
const END = {
  type: 'string',
  enum: [END_MARKER],
  description: `Always "${END_MARKER}", written last, after everything else`,
} as const satisfies JsonSchema;

/** One call, whole plan: features and their tasks. */
export const PLAN_ANSWER_SCHEMA = {
  type: 'object',
  properties: {
    features: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          key: { type: 'string', description: 'Unique kebab-case key, e.g. "auth"' },
          title: { type: 'string' },
        },
        required: ['key', 'title'],
        additionalProperties: false,
      },
    },
    tasks: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          ...TASK_PROPERTIES,
          featureKey: { type: 'string', description: 'Key of the feature the task belongs to' },
        },
        required: [...TASK_REQUIRED, 'featureKey'],
        additionalProperties: false,
      },
    },
    end: END,
  },
  required: ['features', 'tasks', 'end'],
  additionalProperties: false,
} as const satisfies JsonSchema;

/** Long briefs, first call: the features and the requirements each one covers. */
export const OUTLINE_ANSWER_SCHEMA = {
  type: 'object',
  properties: {
    features: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          key: { type: 'string', description: 'Unique kebab-case key, e.g. "auth"' },
          title: { type: 'string' },
          requirementIds: stringList('Ids of the requirements this feature delivers'),
          sharedTaskKeys: stringList(
            'Keys of the tasks of this feature that tasks of other features may depend on, e.g. "auth-api"',
          ),
        },
        required: ['key', 'title', 'requirementIds', 'sharedTaskKeys'],
        additionalProperties: false,
      },
    },
    end: END,
  },
  required: ['features', 'end'],
  additionalProperties: false,
} as const satisfies JsonSchema;

/** Long briefs, one call per feature: the tasks of that feature. */
export const FEATURE_TASKS_ANSWER_SCHEMA = {
  type: 'object',
  properties: {
    tasks: {
      type: 'array',
      items: {
        type: 'object',
        properties: TASK_PROPERTIES,
        required: TASK_REQUIRED,
        additionalProperties: false,
      },
    },
    end: END,
  },
  required: ['tasks', 'end'],
  additionalProperties: false,
} as const satisfies JsonSchema;

const REMOVE_TASK_KEYS = stringList('Keys of earlier tasks to drop');

/**
 * The schema of a correction of an answer with tasks (a repair or the rest
 * of a cut-off answer): the same fields, `tasks` holding only the tasks
 * changed or added, and `removeTaskKeys`, before the closing `end`.
 */
export function correctionSchema(
  schema: typeof PLAN_ANSWER_SCHEMA | typeof FEATURE_TASKS_ANSWER_SCHEMA,
): JsonSchema {
  const { end, ...fields } = schema.properties;
  return {
    type: 'object',
    properties: { ...fields, removeTaskKeys: REMOVE_TASK_KEYS, end },
    required: [...Object.keys(fields), 'removeTaskKeys', 'end'],
    additionalProperties: false,
  };
}

/** Names under which the schemas are sent as `response_format.json_schema.name`. */
export const ANSWER_SCHEMA_NAMES = {
  plan: 'splitwork_plan',
  outline: 'splitwork_plan_outline',
  featureTasks: 'splitwork_feature_tasks',
  correction: 'splitwork_correction',
} as const;

export interface TaskAnswer {
  readonly key: string;
  readonly title: string;
  readonly description: string;
  readonly acceptanceCriteria: readonly string[];
  readonly skills: readonly { readonly skill: string; readonly minLevel: number }[];
  readonly platform: string;
  readonly estimate: {
    readonly optimistic: number;
    readonly likely: number;
    readonly pessimistic: number;
  };
  readonly dependsOn: readonly string[];
  readonly requirementIds: readonly string[];
}

export interface PlanAnswer {
  readonly features: readonly { readonly key: string; readonly title: string }[];
  readonly tasks: readonly (TaskAnswer & { readonly featureKey: string })[];
  readonly end: string;
}

export interface OutlineFeatureAnswer {
  readonly key: string;
  readonly title: string;
  readonly requirementIds: readonly string[];
  readonly sharedTaskKeys: readonly string[];
}

export interface OutlineAnswer {
  readonly features: readonly OutlineFeatureAnswer[];
  readonly end: string;
}

export interface FeatureTasksAnswer {
  readonly tasks: readonly TaskAnswer[];
  readonly end: string;
}
