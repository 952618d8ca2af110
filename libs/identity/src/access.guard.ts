import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_METADATA, AccessRule, gqlContext } from '@splitwork/api-kit';
import { DomainError, Role } from '@splitwork/kernel';
import { bearerToken, TokenService } from './token.service';

/**
 * Global guard: every GraphQL operation field must be marked @Public() or
 * @Authenticated(...roles); an unmarked one is refused (fail closed).
 * HTTP controllers outside GraphQL (health, webhooks) are left to their own
 * checks.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw DomainError.forbidden('This operation has no access rule');
    const ctx = gqlContext(context);
    const token = ctx.connectionToken ?? bearerToken(ctx.req?.headers?.authorization);
    if (rule.kind === 'public') {
      // A stale token must not lock anyone out of logging in again.
      if (token && !ctx.viewer) ctx.viewer = this.viewerOrUndefined(token);
      return true;
    }
    if (token && !ctx.viewer) ctx.viewer = this.tokens.verifyAccessToken(token);
    const viewer = ctx.viewer;
    if (!viewer) throw DomainError.unauthenticated();
    if (rule.roles.length === 0 || viewer.roles.includes(Role.ADMIN)) return true;
    if (!rule.roles.some((r) => viewer.roles.includes(r))) {
      throw DomainError.forbidden(`This needs one of the roles ${rule.roles.join(', ')}`);
    }
    return true;
  }

  private viewerOrUndefined(token: string) {
    try {
      return this.tokens.verifyAccessToken(token);
    } catch {
      return undefined;
    }
  }
}
