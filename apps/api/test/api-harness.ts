import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { Clock, ManualClock, Role } from '@splitwork/kernel';
import { PasswordHasher, TokenService } from '@splitwork/identity';
import { GraphQLClient, TEST_PASSWORD, testEnv, uniqueEmail } from '@splitwork/test-support';
import { AppModule } from '../src/app.module';
import { configureApiApp } from '../src/bootstrap';

import { NewUserOptions, TestUser, UserFactory, userFactory } from './user-factory';

export type { NewUserOptions, TestUser, UserFactory };

export interface ApiHarness {
  app: NestExpressApplication;
  url: string;
  baseUrl: string;
  gql: GraphQLClient;
  clock: ManualClock;
  /**
   * Signs up with `roles`. REVIEWER is vetted: unless `reviewer: 'PENDING'`,
   * an admin approves the application through the API and the user signs in
   * again, so the token carries the role.
   */
  newUser(roles?: Role[], displayName?: string, options?: NewUserOptions): Promise<TestUser>;
  /** ADMIN cannot be self-granted: made directly in the database, then logged in. */
  newAdmin(): Promise<TestUser>;
  /** The same users made in-process (no sign-up over HTTP): for tests of everything else. */
  factory: UserFactory;
  close(): Promise<void>;
}

const MY_APPLICATION = `query { myReviewerApplication { id } }`;
const DECIDE = `mutation($input: DecideReviewerApplicationInput!) {
  decideReviewerApplication(input: $input) { application { status } }
}`;

const LOG_IN = `mutation LogIn($input: LogInInput!) { logIn(input: $input) { accessToken refreshToken } }`;

const SIGN_UP = `mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) { accessToken refreshToken user { id email } }
}`;

/** Boots the real API (real modules, real database) on a free port. */
export async function startApi(env: Record<string, string> = {}): Promise<ApiHarness> {
  Object.assign(process.env, testEnv(env));
  const clock = new ManualClock(new Date());
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    // Production-cost argon2 would be half of the suite's time; the cost itself is tested apart.
    .overrideProvider(PasswordHasher)
    .useValue(PasswordHasher.cheapForTests())
    .compile();
  const app = configureApiApp(
    moduleRef.createNestApplication<NestExpressApplication>({
      bufferLogs: true,
      forceCloseConnections: true,
      rawBody: true,
    }),
  );
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const gql = new GraphQLClient(`${baseUrl}/graphql`);
  async function signUp(roles: Role[], displayName: string): Promise<TestUser> {
    const email = uniqueEmail(roles.join('-').toLowerCase());
    const data = await gql.ok<{
      signUp: { accessToken: string; refreshToken: string; user: { id: string } };
    }>(SIGN_UP, { input: { email, password: TEST_PASSWORD, displayName, roles } });
    return {
      id: data.signUp.user.id,
      email,
      token: data.signUp.accessToken,
      refreshToken: data.signUp.refreshToken,
    };
  }
  async function logIn(user: TestUser): Promise<TestUser> {
    const data = await gql.ok<{ logIn: { accessToken: string; refreshToken: string } }>(LOG_IN, {
      input: { email: user.email, password: TEST_PASSWORD },
    });
    return { ...user, token: data.logIn.accessToken, refreshToken: data.logIn.refreshToken };
  }
  async function newAdmin(): Promise<TestUser> {
    const user = await signUp([Role.OWNER], 'Test Admin');
    await app.get(DataSource).query(`UPDATE users SET roles = '{ADMIN}' WHERE id = $1`, [user.id]);
    return logIn(user);
  }
  let vetter: Promise<TestUser> | undefined;
  async function newUser(
    roles = [Role.OWNER],
    displayName = 'Test User',
    { reviewer = 'APPROVED' }: NewUserOptions = {},
  ): Promise<TestUser> {
    const user = await signUp(roles, displayName);
    if (!roles.includes(Role.REVIEWER) || reviewer === 'PENDING') return user;
    const { myReviewerApplication } = await gql.ok<{ myReviewerApplication: { id: string } }>(
      MY_APPLICATION,
      {},
      user.token,
    );
    vetter ??= newAdmin();
    // A token minted now: the test clock may have moved past the admin's first one.
    const adminToken = app
      .get(TokenService)
      .issueAccessToken({ id: (await vetter).id, roles: [Role.ADMIN] }).token;
    await gql.ok(
      DECIDE,
      { input: { applicationId: myReviewerApplication.id, decision: 'APPROVE' } },
      adminToken,
    );
    return logIn(user);
  }

  return {
    app,
    url: `${baseUrl}/graphql`,
    baseUrl,
    gql,
    clock,
    newUser,
    newAdmin,
    factory: userFactory(app),
    close: () => app.close(),
  };
}
