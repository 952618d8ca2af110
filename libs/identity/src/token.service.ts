import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfig } from '@splitwork/config';
import { Clock, DomainError, Role } from '@splitwork/kernel';
import type { Viewer } from '@splitwork/api-kit';

interface AccessClaims {
  sub: unknown;
  roles: unknown;
  exp?: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const VALID_ROLES = new Set<string>(Object.values(Role));

/** Proven access tokens kept in memory (about 1 KB each). */
const VERIFIED_TOKENS_KEPT = 10_000;

/** Issues and verifies short-lived access tokens (JWT, HS256) and opaque refresh tokens. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  issueAccessToken(viewer: Viewer): { token: string; expiresAt: Date } {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = issuedAt + this.config.JWT_ACCESS_TTL_SECONDS;
    const token = this.jwt.sign(
      { sub: viewer.id, roles: [...viewer.roles], iat: issuedAt, exp: expiresAt },
      { algorithm: 'HS256' },
    );
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /** The viewer a token proves, or UNAUTHENTICATED when it is forged, expired or malformed. */
  verifyAccessToken(token: string): Viewer {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const known = this.verified.get(token);
    if (known && now < known.exp) return known.viewer;
    return this.verifyClaims(token, now);
  }

  /**
   * Tokens already proven, until they expire: a client sends the same token
   * on every request, and checking its signature and claims again would give
   * the same answer until `exp` (no `nbf` is issued; access tokens are not
   * revoked before they expire). Bounded: the oldest entry goes first.
   */
  private readonly verified = new Map<string, { viewer: Viewer; exp: number }>();

  private verifyClaims(token: string, now: number): Viewer {
    let claims: AccessClaims;
    try {
      claims = this.jwt.verify<AccessClaims>(token, {
        algorithms: ['HS256'],
        clockTimestamp: now,
      });
    } catch (error) {
      const expired = error instanceof Error && error.name === 'TokenExpiredError';
      throw DomainError.unauthenticated(expired ? 'Access token expired' : 'Invalid access token');
    }
    // jsonwebtoken accepts a token without `exp` forever, and a `sub` that is
    // not a user id would reach the database as one: neither is ours.
    const roles = claims.roles;
    if (
      typeof claims.exp !== 'number' ||
      typeof claims.sub !== 'string' ||
      !UUID.test(claims.sub) ||
      !Array.isArray(roles) ||
      !roles.every((r): r is Role => typeof r === 'string' && VALID_ROLES.has(r))
    ) {
      throw DomainError.unauthenticated('Invalid access token');
    }
    const viewer: Viewer = { id: claims.sub, roles };
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) {
      this.verified.delete(this.verified.keys().next().value as string);
    }
    this.verified.set(token, { viewer, exp: claims.exp });
    return viewer;
  }

  newRefreshToken(): { token: string; hash: string; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(
      this.clock.now().getTime() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000,
    );
    return { token, hash: TokenService.hash(token), expiresAt };
  }

  static hash(refreshToken: string): string {
    return createHash('sha256').update(refreshToken).digest('hex');
  }
}

/** Reads the bearer token of an Authorization header, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}
