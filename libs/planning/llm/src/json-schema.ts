/**
 * The subset of JSON Schema that OpenAI structured outputs accept in strict
 * mode and that `validateJson` checks: every object lists all its properties
 * as required and allows no others.
 */
export type JsonSchema =
  | {
      readonly type: 'object';
      readonly description?: string;
      readonly properties: { readonly [name: string]: JsonSchema };
      readonly required: readonly string[];
      readonly additionalProperties: false;
    }
  | { readonly type: 'array'; readonly description?: string; readonly items: JsonSchema }
  | { readonly type: 'string'; readonly description?: string; readonly enum?: readonly string[] }
  | {
      readonly type: 'number' | 'integer';
      readonly description?: string;
      readonly enum?: readonly number[];
    };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function check(value: unknown, schema: JsonSchema, path: string, errors: string[]): void {
  const at = path === '' ? 'The answer' : path;
  switch (schema.type) {
    case 'object': {
      if (!isRecord(value)) {
        errors.push(`${at} must be a JSON object, not ${describe(value)}`);
        return;
      }
      for (const name of schema.required) {
        const child = path === '' ? name : `${path}.${name}`;
        if (!(name in value)) {
          errors.push(`${child} is missing`);
          continue;
        }
        check(value[name], schema.properties[name], child, errors);
      }
      return;
    }
    case 'array':
      if (!Array.isArray(value)) {
        errors.push(`${at} must be an array, not ${describe(value)}`);
        return;
      }
      value.forEach((item, i) => check(item, schema.items, `${path}[${i}]`, errors));
      return;
    case 'string':
      if (typeof value !== 'string') {
        errors.push(`${at} must be a string, not ${describe(value)}`);
      } else if (schema.enum && !schema.enum.includes(value)) {
        errors.push(`${at} is ${describe(value)}; it must be one of ${schema.enum.join(', ')}`);
      }
      return;
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        errors.push(`${at} must be a number, not ${describe(value)}`);
      } else if (schema.type === 'integer' && !Number.isInteger(value)) {
        errors.push(`${at} must be a whole number, not ${value}`);
      } else if (schema.enum && !schema.enum.includes(value)) {
        errors.push(`${at} is ${value}; it must be one of ${schema.enum.join(', ')}`);
      }
      return;
  }
}

/**
 * Every way `value` breaks `schema`, as messages a model can act on
 * (`tasks[2].estimate.likely must be a number, not the string "four"`).
 * Properties the schema does not know are ignored: they are dropped when the
 * answer is mapped, so they cannot do harm and are not worth a repair.
 */
export function validateJson(value: unknown, schema: JsonSchema): string[] {
  const errors: string[] = [];
  check(value, schema, '', errors);
  return errors;
}
