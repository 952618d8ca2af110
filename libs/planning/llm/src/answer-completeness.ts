import { jsonrepair } from 'jsonrepair';

/** Value of the `end` property every answer schema closes with: an answer without it ended early. */
export const END_MARKER = 'END';

/** A ```json … ``` fence, closed or not, around the answer. */
const FENCE_START = /^\s*```[a-zA-Z]*\s*\n/;
const FENCE_END = /\n?\s*```\s*$/;

/** The JSON part of an answer: fence and prose before the first `{` removed. */
export function jsonPart(text: string): string {
  const unfenced = text.replace(FENCE_START, '').replace(FENCE_END, '');
  const start = unfenced.indexOf('{');
  return start < 0 ? unfenced.trim() : unfenced.slice(start).trim();
}

/** Nesting depth at the end of `text` and whether it ends inside a string. */
export function openStructure(text: string): { depth: number; inString: boolean } {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const ch of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth += 1;
    else if (ch === '}' || ch === ']') {
      depth -= 1;
      // The root object closed: whatever follows is not part of it.
      if (depth === 0) return { depth: 0, inString: false };
    }
  }
  return { depth, inString };
}

/** A copy of `record` without the named fields. */
export function omit<T extends object>(record: T, ...names: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => !names.includes(name)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Why an answer (thinking already removed) is cut off, or null when it is
 * whole: the endpoint stopped at the token limit, the JSON ends before its
 * root object closes, or the object closes without the `"end": "END"` the
 * schema puts last, as when a model stops exactly at a task boundary.
 */
export function cutOffReason(text: string, finishReason: string | null): string | null {
  if (finishReason === 'length') {
    return 'The answer was cut off at the output token limit';
  }
  const json = jsonPart(text);
  if (!json.startsWith('{')) return null; // prose: the parser says what is wrong
  const { depth, inString } = openStructure(json);
  if (depth > 0 || inString) return 'The answer ends before its JSON object is closed';
  let value: unknown;
  try {
    value = JSON.parse(json.slice(0, json.lastIndexOf('}') + 1));
  } catch {
    return null; // a syntax error, not a cut: the parser deals with it
  }
  if (isRecord(value) && value.end !== END_MARKER) {
    return `The answer ends without its closing "end": "${END_MARKER}", so it may have stopped early`;
  }
  return null;
}

/** What can be kept of a cut-off answer: its other fields and the tasks it sent completely. */
export interface PartialAnswer {
  readonly fields: Record<string, unknown>;
  readonly tasks: readonly Record<string, unknown>[];
}

/**
 * The complete part of a cut-off answer with a `tasks` array: the fields
 * before it and every task whose closing brace arrived. Null when nothing of
 * the tasks is usable (cut before the first task ended, or not JSON).
 */
export function partialAnswer(text: string): PartialAnswer | null {
  const json = jsonPart(text);
  if (!json.startsWith('{')) return null;
  let value: unknown;
  try {
    value = JSON.parse(jsonrepair(json));
  } catch {
    return null;
  }
  if (!isRecord(value) || !Array.isArray(value.tasks)) return null;
  const { depth } = openStructure(json);
  // Root object (1) › tasks array (2) › a task (3+): the last task was cut inside.
  const lastIsWhole = depth <= 2;
  const tasks = (value.tasks as unknown[]).filter(isRecord);
  const whole = lastIsWhole ? tasks : tasks.slice(0, -1);
  if (whole.length === 0) return null;
  return { fields: omit(value, 'tasks', 'end'), tasks: whole };
}

function taskKey(task: Record<string, unknown>): string | undefined {
  return typeof task.key === 'string' ? task.key : undefined;
}

/**
 * A correction laid over an answer: `tasks` replace the tasks of the same
 * key or are added, `removeTaskKeys` drop tasks, other fields (features)
 * replace the base's when present and not empty.
 */
export function mergeCorrection(
  base: PartialAnswer,
  correction: Record<string, unknown>,
): Record<string, unknown> {
  const removed = new Set(
    Array.isArray(correction.removeTaskKeys)
      ? correction.removeTaskKeys.filter((k): k is string => typeof k === 'string')
      : [],
  );
  const incoming = Array.isArray(correction.tasks) ? correction.tasks.filter(isRecord) : [];
  const byKey = new Map(incoming.flatMap((t) => (taskKey(t) ? [[taskKey(t), t] as const] : [])));
  const used = new Set<string>();
  const tasks: Record<string, unknown>[] = [];
  for (const task of base.tasks) {
    const key = taskKey(task);
    if (key !== undefined && removed.has(key)) continue;
    const replacement = key === undefined ? undefined : byKey.get(key);
    if (replacement && key !== undefined && !used.has(key)) {
      used.add(key);
      tasks.push(replacement);
    } else tasks.push(task);
  }
  for (const task of incoming) {
    const key = taskKey(task);
    if (key !== undefined && used.has(key)) continue;
    if (key !== undefined && removed.has(key)) continue;
    if (key !== undefined) used.add(key);
    tasks.push(task);
  }
  const fields: Record<string, unknown> = { ...base.fields };
  for (const [name, value] of Object.entries(correction)) {
    if (name === 'tasks' || name === 'removeTaskKeys' || name === 'end') continue;
    if (Array.isArray(value) && value.length === 0 && Array.isArray(fields[name])) continue;
    fields[name] = value;
  }
  return { ...fields, tasks, end: END_MARKER };
}
