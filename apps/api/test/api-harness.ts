import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { Clock, ManualClock, Role } from '@splitwork/kernel';
import { PasswordHasher } from '@splitwork/identity';
import { GraphQLClient, TEST_PASSWORD, testEnv, uniqueEmail } from '@splitwork/test-support';
import { AppModule } from '../src/app.module';
import { configureApiApp } from '../src/bootstrap';

export interface TestUser {
  id: string;
  email: string;
  token: string;
  refreshToken: string;
}

export interface ApiHarness {
  app: NestExpressApplication;
  url: string;
  baseUrl: string;
  gql: GraphQLClient;
  clock: ManualClock;
  newUser(roles?: Role[], displayName?: string): Promise<TestUser>;
  /** ADMIN cannot be self-granted: made directly in the database, then logged in. */
  newAdmin(): Promise<TestUser>;
  close(): Promise<void>;
}

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
  async function newUser(roles = [Role.OWNER], displayName = 'Test User'): Promise<TestUser> {
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

  return {
    app,
    url: `${baseUrl}/graphql`,
    baseUrl,
    gql,
    clock,
    newUser,
    async newAdmin() {
      const user = await newUser([Role.OWNER], 'Test Admin');
      await app
        .get(DataSource)
        .query(`UPDATE users SET roles = '{ADMIN}' WHERE id = $1`, [user.id]);
      const data = await gql.ok<{ logIn: { accessToken: string; refreshToken: string } }>(LOG_IN, {
        input: { email: user.email, password: TEST_PASSWORD },
      });
      return { ...user, token: data.logIn.accessToken, refreshToken: data.logIn.refreshToken };
    },
    close: () => app.close(),
  };
}
