import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { DomainError, Role } from '@splitwork/kernel';
import type { GqlContext, Viewer } from './gql-context';

export const ACCESS_METADATA = 'splitwork:access';

export type AccessRule = { kind: 'public' } | { kind: 'authenticated'; roles: readonly Role[] };

/** Anyone may call this, signed in or not. */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessRule);

/**
 * A signed-in caller may call this; with roles, only a caller holding one of
 * them (ADMIN always passes). Every query, mutation and subscription carries
 * either this or @Public(); the access guard refuses the others.
 */
export const Authenticated = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_METADATA, { kind: 'authenticated', roles } satisfies AccessRule);

/**
 * The GraphQL context of a resolver call: its third argument (root, args,
 * context, info), read without making a GqlExecutionContext per call.
 */
export function gqlContext(context: ExecutionContext): GqlContext {
  return context.getArgByIndex<GqlContext>(2);
}

/** The signed-in caller; the access guard has already refused anonymous calls. */
export const CurrentViewer = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Viewer => {
    const viewer = gqlContext(context).viewer;
    if (!viewer) throw DomainError.unauthenticated();
    return viewer;
  },
);
