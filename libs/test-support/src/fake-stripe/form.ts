/** A value of a Stripe form body: strings, nested objects (brackets) and lists. */
export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

export function isFormObject(value: FormValue | undefined): value is FormObject {
  return typeof value === 'object' && !Array.isArray(value);
}

/** `a[b][c]` → ['a', 'b', 'c']; `a[]` → ['a', ''] (append). */
function keyPath(key: string): string[] {
  const open = key.indexOf('[');
  if (open < 0) return [key];
  const path = [key.slice(0, open)];
  for (const match of key.slice(open).matchAll(/\[([^\]]*)\]/g)) path.push(match[1]);
  return path;
}

/** Turns objects whose keys are exactly 0..n-1 into arrays, depth first. */
function listify(value: FormValue): FormValue {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(listify);
  const keys = Object.keys(value);
  const converted: FormObject = {};
  for (const key of keys) converted[key] = listify(value[key]);
  const isList = keys.length > 0 && keys.every((k, i) => k === String(i));
  return isList ? keys.map((k) => converted[k]) : converted;
}

/**
 * Parses an `application/x-www-form-urlencoded` body (or query string) as
 * Stripe sends it: `metadata[projectId]=p1&capabilities[transfers][requested]=true&expand[0]=x`
 * → `{metadata: {projectId: 'p1'}, capabilities: {transfers: {requested: 'true'}}, expand: ['x']}`.
 * Values stay strings, as on the wire.
 */
export function parseStripeForm(body: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = keyPath(key);
    let node: FormObject = root;
    path.forEach((segment, i) => {
      const name = segment === '' ? String(Object.keys(node).length) : segment;
      if (i === path.length - 1) {
        node[name] = value;
        return;
      }
      const next = node[name];
      if (!isFormObject(next)) node[name] = {};
      node = node[name] as FormObject;
    });
  }
  return listify(root) as FormObject;
}

/** JSON with sorted keys: two bodies with the same parameters give the same text. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
