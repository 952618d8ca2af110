import { DomainError } from '@splitwork/kernel';

export const MS_PER_HOUR = 3_600_000;

export function isValidDate(value: Date): boolean {
  return value instanceof Date && Number.isFinite(value.getTime());
}

/** Throws BAD_USER_INPUT naming the field when `value` is not a valid date. */
export function assertDate(value: Date, field: string): void {
  if (!isValidDate(value)) {
    throw DomainError.badInput(`${field} must be a valid date`, { field });
  }
}

export function addHours(date: Date, hours: number): Date {
  return new Date(date.getTime() + Math.round(hours * MS_PER_HOUR));
}

export function addMs(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}
