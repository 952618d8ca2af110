import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Clock, DomainError, Role, SELF_SERVICE_ROLES } from '@splitwork/kernel';
import { Viewer } from '@splitwork/api-kit';
import { AuthThrottle } from './auth-throttle';
import { PasswordHasher } from './password-hasher';
import { assertStrongPassword } from './password-policy';
import { RefreshTokenEntity } from './refresh-token.entity';
import { ReviewerApplicationService } from './reviewer-application.service';
import { TokenService } from './token.service';
import { UserEntity } from './user.entity';
import { UserAccount, UserRepository } from './user.repository';

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: UserEntity;
}

export interface SignUpCommand {
  email: string;
  password: string;
  displayName: string;
  roles: Role[];
}

const INVALID_CREDENTIALS = 'Invalid email or password';
const SIGN_UP_REFUSED = 'An account cannot be created with these details';
const UNIQUE_VIOLATION = '23505';

/**
 * How long a rotated refresh token may still be traded, as a retry rather
 * than a theft. A page reloaded while its refresh was in flight never stored
 * the answer, and sends the token it had again; two tabs of one browser read
 * the same token and refresh it together. Within this window either gets a
 * session of its own in the same family; a token used again after it means
 * the token was stolen, and ends the family.
 */
export const REFRESH_REUSE_GRACE_MS = 30_000;

@Injectable()
export class AuthService {
  /**
   * Verified against when the email is unknown, so both failures take as
   * long. Made on the first log-in rather than at start: an argon2 hash holds
   * 64 MiB while it runs, which every API process would otherwise add to its
   * start-up peak even if nobody logs in through it.
   */
  private dummyHash?: Promise<string>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly tokens: TokenService,
    private readonly throttle: AuthThrottle,
    private readonly clock: Clock,
    private readonly hasher: PasswordHasher,
    private readonly reviewerApplications: ReviewerApplicationService,
  ) {}

  async signUp(command: SignUpCommand, clientAddress: string): Promise<Session> {
    await this.throttle.beforeSignUp(clientAddress);
    const roles = [...new Set(command.roles)];
    if (roles.some((r) => !SELF_SERVICE_ROLES.includes(r))) {
      throw DomainError.forbidden('ADMIN can only be granted by an admin');
    }
    assertStrongPassword(command.password, command.email);
    const passwordHash = await this.hasher.hash(command.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        // REVIEWER is vetted: asking for it opens an application, the role comes on approval.
        const user = await this.users.insert(
          {
            email: command.email,
            displayName: command.displayName,
            passwordHash,
            roles: roles.filter((r) => r !== Role.REVIEWER),
          },
          manager,
        );
        if (roles.includes(Role.REVIEWER)) {
          await this.reviewerApplications.openOnSignUp(user.id, manager);
        }
        return this.openSession(user, randomUUID(), manager);
      });
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
      ) {
        // Sign-up opens a session at once and there is no email to send a
        // "you already have an account" notice through, so a taken email
        // cannot be answered like a new one. The refusal names no reason
        // (it is the same for every email that cannot be signed up with),
        // takes as long (the hash is computed first), and is counted against
        // a strict per-address sign-up limit, so emails cannot be tried at scale.
        throw DomainError.badInput(SIGN_UP_REFUSED);
      }
      throw error;
    }
  }

  async logIn(email: string, password: string, clientAddress: string): Promise<Session> {
    await this.throttle.beforeLogIn(email, clientAddress);
    // Awaited for every email, known or not, so the first log-in is no tell either.
    this.dummyHash ??= this.hasher.hash(randomUUID());
    const dummyHash = await this.dummyHash;
    const user = await this.users.findByEmail(email);
    const ok = await this.hasher.verify(user?.passwordHash ?? dummyHash, password);
    if (!user || !ok) {
      await this.throttle.logInFailed(email, clientAddress);
      throw DomainError.unauthenticated(INVALID_CREDENTIALS);
    }
    await this.throttle.logInSucceeded(email, clientAddress);
    return this.dataSource.transaction((manager) => this.openSession(user, randomUUID(), manager));
  }

  /**
   * Trades a refresh token for a new session in the same family. A token
   * used again more than REFRESH_REUSE_GRACE_MS after its first use means it
   * was stolen: the whole family is revoked.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(RefreshTokenEntity);
      const current = await repo.findOne({
        where: { tokenHash: TokenService.hash(refreshToken) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current || current.revokedAt) return { error: 'Invalid refresh token' } as const;
      const now = this.clock.now();
      if (
        current.rotatedAt &&
        now.getTime() - current.rotatedAt.getTime() > REFRESH_REUSE_GRACE_MS
      ) {
        await this.revokeFamily(current.familyId, manager);
        return { error: 'Refresh token reuse detected; the session has been ended' } as const;
      }
      if (current.expiresAt <= now) return { error: 'Refresh token expired' } as const;
      // A retry within the grace keeps rotatedAt's first time, so retries cannot extend the window.
      if (!current.rotatedAt) {
        current.rotatedAt = now;
        await repo.save(current);
      }
      const user = await this.users.findById(current.userId, manager);
      if (!user) return { error: 'Invalid refresh token' } as const;
      return { session: await this.openSession(user, current.familyId, manager) } as const;
    });
    // The revocation above must commit, so the error is thrown only afterwards.
    if ('error' in outcome) throw DomainError.unauthenticated(outcome.error);
    return outcome.session;
  }

  /** Ends the session that `refreshToken` belongs to, if it is the viewer's. */
  async logOut(viewer: Viewer, refreshToken: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const token = await manager
        .getRepository(RefreshTokenEntity)
        .findOneBy({ tokenHash: TokenService.hash(refreshToken) });
      if (!token || token.userId !== viewer.id) throw DomainError.notFound('Session');
      await this.revokeFamily(token.familyId, manager);
    });
  }

  async me(viewer: Viewer): Promise<UserAccount> {
    const user = await this.users.account(viewer.id);
    if (!user) throw DomainError.unauthenticated('This account no longer exists');
    return user;
  }

  /** Admin only (checked by the resolver's rule): adds a role, ADMIN included. */
  async grantRole(userId: string, role: Role): Promise<UserEntity> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.getRepository(UserEntity).findOne({
        where: { id: userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) throw DomainError.notFound('User', userId);
      if (!user.roles.includes(role)) user.roles = [...user.roles, role];
      return this.users.save(user, manager);
    });
  }

  private async openSession(
    user: UserEntity,
    familyId: string,
    manager: EntityManager,
  ): Promise<Session> {
    const refresh = this.tokens.newRefreshToken();
    await manager.getRepository(RefreshTokenEntity).insert({
      userId: user.id,
      familyId,
      tokenHash: refresh.hash,
      expiresAt: refresh.expiresAt,
    });
    const access = this.tokens.issueAccessToken({ id: user.id, roles: user.roles });
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt,
      user,
    };
  }

  private async revokeFamily(familyId: string, manager: EntityManager): Promise<void> {
    await manager
      .getRepository(RefreshTokenEntity)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: this.clock.now() })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
  }
}
