import { DomainError, Role } from '@splitwork/kernel';
import type { Viewer } from './gql-context';

export function isAdmin(viewer: Viewer): boolean {
  return viewer.roles.includes(Role.ADMIN);
}

/**
 * Refuses unless the viewer owns the resource or is an admin. Says NOT_FOUND
 * rather than FORBIDDEN so the existence of other people's rows does not leak.
 */
export function requireOwnerOrAdmin(
  viewer: Viewer,
  ownerId: string,
  what: string,
  id?: string,
): void {
  if (viewer.id !== ownerId && !isAdmin(viewer)) throw DomainError.notFound(what, id);
}

export function requireRole(viewer: Viewer, ...roles: Role[]): void {
  if (isAdmin(viewer)) return;
  if (!roles.some((r) => viewer.roles.includes(r))) {
    throw DomainError.forbidden(`This needs one of the roles ${roles.join(', ')}`);
  }
}
