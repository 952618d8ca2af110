import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Role } from '@splitwork/kernel';
import {
  PasswordHasher,
  RefreshTokenEntity,
  ReviewerApplicationEntity,
  ReviewerApplicationService,
  TokenService,
  UserRepository,
} from '@splitwork/identity';
import { TEST_PASSWORD, uniqueEmail } from '@splitwork/test-support';

export interface TestUser {
  id: string;
  email: string;
  token: string;
  refreshToken: string;
}

export interface NewUserOptions {
  /** APPROVED (default): a vetted reviewer; PENDING: the application is left waiting. */
  reviewer?: 'APPROVED' | 'PENDING';
}

/**
 * Users made in-process, through the same repositories and services sign-up
 * and vetting use, for tests where signing up over HTTP is not what is
 * tested: the same rows (user, reviewer application, refresh token) and a
 * session from the real TokenService, without the HTTP round trips.
 */
export interface UserFactory {
  /** A user with `roles` (REVIEWER vetted and approved by an admin unless PENDING), logged in. */
  user(roles?: Role[], displayName?: string, options?: NewUserOptions): Promise<TestUser>;
  /** An admin, logged in. */
  admin(): Promise<TestUser>;
}

export function userFactory(app: INestApplication): UserFactory {
  const dataSource = app.get(DataSource);
  const users = app.get(UserRepository);
  const tokens = app.get(TokenService);
  const applications = app.get(ReviewerApplicationService);
  // Hashed once: the password every test user logs in with.
  let passwordHash: Promise<string> | undefined;

  async function insert(roles: Role[], displayName: string): Promise<TestUser> {
    passwordHash ??= app.get(PasswordHasher).hash(TEST_PASSWORD);
    const hash = await passwordHash;
    const email = uniqueEmail(roles.join('-').toLowerCase());
    const userId = await dataSource.transaction(async (manager) => {
      // As sign-up does: REVIEWER comes on approval of the application opened here.
      const user = await users.insert(
        {
          email,
          displayName,
          passwordHash: hash,
          roles: roles.filter((r) => r !== Role.REVIEWER),
        },
        manager,
      );
      if (roles.includes(Role.REVIEWER)) await applications.openOnSignUp(user.id, manager);
      return user.id;
    });
    return logIn(userId, email);
  }

  /** A session as logIn opens one: a refresh token of a new family and an access token. */
  async function logIn(userId: string, email: string): Promise<TestUser> {
    const user = await users.findById(userId);
    if (!user) throw new Error(`No user ${userId}`);
    const refresh = tokens.newRefreshToken();
    await dataSource.getRepository(RefreshTokenEntity).insert({
      userId,
      familyId: randomUUID(),
      tokenHash: refresh.hash,
      expiresAt: refresh.expiresAt,
    });
    return {
      id: userId,
      email,
      token: tokens.issueAccessToken({ id: userId, roles: user.roles }).token,
      refreshToken: refresh.token,
    };
  }

  const admin = () => insert([Role.ADMIN], 'Test Admin');
  let vetter: Promise<TestUser> | undefined;

  async function user(
    roles = [Role.OWNER],
    displayName = 'Test User',
    { reviewer = 'APPROVED' }: NewUserOptions = {},
  ): Promise<TestUser> {
    const made = await insert(roles, displayName);
    if (!roles.includes(Role.REVIEWER) || reviewer === 'PENDING') return made;
    const application = await dataSource
      .getRepository(ReviewerApplicationEntity)
      .findOneByOrFail({ userId: made.id, status: 'PENDING' });
    vetter ??= admin();
    // The approval an admin gives over the API, with who decided on record.
    await applications.decide(
      { id: (await vetter).id, roles: [Role.ADMIN] },
      application.id,
      'APPROVE',
      null,
    );
    return logIn(made.id, made.email);
  }

  return { user, admin };
}
