import type { ValueTransformer } from 'typeorm';
import type { TaskState } from '@splitwork/marketplace-core';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** JSON keeps dates as ISO strings: turn them back into Dates, at any depth. */
function revive(value: unknown): unknown {
  if (typeof value === 'string' && ISO_DATE.test(value)) return new Date(value);
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  }
  return value;
}

export const taskStateTransformer: ValueTransformer = {
  to: (state: TaskState) => state,
  from: (json: unknown) => revive(json) as TaskState,
};
