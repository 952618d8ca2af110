import { Foundation1764000000000 } from './1764000000000-foundation';

/** Every committed migration, oldest first. New ones are appended here. */
export const MIGRATIONS = [Foundation1764000000000];
