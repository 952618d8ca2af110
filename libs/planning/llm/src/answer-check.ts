import type { JsonSchema } from './json-schema';
import { validateJson } from './json-schema';
import type { Checked } from './plan-answer.mapper';
import { parseAnswer, parseJsonText } from './plan-answer.parser';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const TASK_PATH = /^tasks\[(\d+)\]/;

/**
 * Parses an answer with a `tasks` array and checks it in one round: schema
 * problems of single tasks do not hide the semantic problems of the others.
 * The tasks that break the schema are set aside, the rest is checked by
 * `semantic`, and both lists are returned together, without the semantic
 * problems the set-aside tasks would explain (a dependency on one of them,
 * a requirement one of them covers). A broken shape outside the tasks is
 * reported alone, as there is nothing sound to check.
 */
export function checkTogether<A, T>(
  raw: string,
  schema: JsonSchema,
  semantic: (answer: A) => Checked<T>,
): Checked<T> {
  const parsed = parseAnswer<A>(raw, schema);
  if (parsed.ok) return semantic(parsed.value);
  const json = parseJsonText(raw);
  if (!json.ok || !isRecord(json.value) || !Array.isArray(json.value.tasks)) return parsed;
  if (parsed.errors.some((e) => !TASK_PATH.test(e))) return parsed;
  const bad = new Set(parsed.errors.map((e) => Number(TASK_PATH.exec(e)?.[1])));
  const tasks = json.value.tasks as unknown[];
  const kept = { ...json.value, tasks: tasks.filter((_, i) => !bad.has(i)) };
  if (validateJson(kept, schema).length > 0) return parsed;
  const setAside = tasks.filter((_, i) => bad.has(i)).filter(isRecord);
  const keys = setAside
    .map((t) => t.key)
    .filter((k): k is string => typeof k === 'string' && k !== '');
  const requirements = setAside
    .flatMap((t): unknown[] => (Array.isArray(t.requirementIds) ? t.requirementIds : []))
    .filter((id): id is string => typeof id === 'string');
  const explained = (error: string): boolean =>
    keys.some(
      (k) => error.includes(`"${k}"`) || error.includes(` ${k} `) || error.includes(` ${k}:`),
    ) || requirements.some((id) => error.startsWith(`Requirement ${id} `));
  const checked = semantic(kept as A);
  const others = checked.ok ? [] : checked.errors.filter((e) => !explained(e));
  return { ok: false, errors: [...parsed.errors, ...others] };
}
