import { randomUUID } from 'node:crypto';

/** Entity ids are UUIDs; branded so an id of one kind is not passed as another. */
export type Id<Kind extends string> = string & { readonly __kind: Kind };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function newId<Kind extends string>(): Id<Kind> {
  return randomUUID() as Id<Kind>;
}
