import { DataSource } from 'typeorm';
import { REFRESH_REUSE_GRACE_MS } from '@splitwork/identity';
import { ErrorCode, Role } from '@splitwork/kernel';
import { errorCodes, TEST_PASSWORD, uniqueEmail } from '@splitwork/test-support';
import { ApiHarness, startApi } from './api-harness';

const SIGN_UP = `mutation($input: SignUpInput!) {
  signUp(input: $input) { accessToken refreshToken user { id email displayName roles } }
}`;
const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { accessToken refreshToken user { id } } }`;
const REFRESH = `mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken refreshToken } }`;
const LOG_OUT = `mutation($input: LogOutInput!) { logOut(input: $input) { loggedOut } }`;
const ME = `query { me { id email displayName roles } }`;
const GRANT = `mutation($input: GrantRoleInput!) { grantRole(input: $input) { user { id roles } } }`;
const USERS = `query($first: Int, $after: String) {
  users(first: $first, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } }
}`;

describe('identity over GraphQL', () => {
  let api: ApiHarness;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await startApi();
    dataSource = api.app.get(DataSource);
  });
  afterAll(() => api?.close());

  const countUsers = async (email: string) =>
    Number(
      (
        await dataSource.query('SELECT count(*) AS n FROM users WHERE lower(email) = lower($1)', [
          email,
        ])
      )[0].n,
    );

  it('signs up, then answers me with the new account', async () => {
    const email = uniqueEmail('Mixed.Case');
    const data = await api.gql.ok<{
      signUp: { accessToken: string; user: { email: string; roles: string[] } };
    }>(SIGN_UP, {
      input: {
        email,
        password: TEST_PASSWORD,
        displayName: '  Ana  ',
        roles: ['OWNER', 'FREELANCER'],
      },
    });
    expect(data.signUp.user.roles).toEqual(['OWNER', 'FREELANCER']);
    const me = await api.gql.ok<{ me: { email: string; displayName: string } }>(
      ME,
      {},
      data.signUp.accessToken,
    );
    expect(me.me).toMatchObject({ email, displayName: 'Ana' });
  });

  it('answers me with its creation time, directly or through an aliased fragment', async () => {
    const user = await api.newUser();
    const [row] = await dataSource.query<{ created_at: Date }[]>(
      `SELECT created_at FROM users WHERE id = $1`,
      [user.id],
    );
    const direct = await api.gql.ok<{ me: { createdAt: string } }>(
      `query { me { createdAt } }`,
      {},
      user.token,
    );
    expect(direct.me.createdAt).toBe(new Date(row.created_at).toISOString());
    const fragment = await api.gql.ok<{ me: { id: string; when: string } }>(
      `query { me { ...Account } } fragment Account on User { id when: createdAt }`,
      {},
      user.token,
    );
    expect(fragment.me).toEqual({ id: user.id, when: direct.me.createdAt });
  });

  it('refuses a duplicate email in another case without saying it exists, and writes nothing', async () => {
    const user = await api.newUser();
    const res = await api.gql.request(SIGN_UP, {
      input: {
        email: user.email.toUpperCase(),
        password: TEST_PASSWORD,
        displayName: 'Twin',
        roles: ['OWNER'],
      },
    });
    expect(errorCodes(res)).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(res.errors![0].message).not.toMatch(/exist|taken|already/i);
    expect(await countUsers(user.email)).toBe(1);
  });

  it.each([
    ['a weak password', { password: 'password123' }],
    ['a too short password', { password: 'Ab1!' }],
    ['an invalid email', { email: 'not-an-email' }],
    ['an overlong display name', { displayName: 'x'.repeat(81) }],
    ['an overlong email', { email: `${'x'.repeat(250)}@example.com` }],
    ['an overlong password', { password: 'Ab1!'.repeat(40) }],
    ['no role', { roles: [] }],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_name, override) => {
    const input = {
      email: uniqueEmail(),
      password: TEST_PASSWORD,
      displayName: 'Bad',
      roles: ['OWNER'],
      ...override,
    };
    const res = await api.gql.request(SIGN_UP, { input });
    expect(errorCodes(res)).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(await countUsers(input.email)).toBe(0);
  });

  it('refuses to grant ADMIN at sign-up', async () => {
    const email = uniqueEmail();
    const res = await api.gql.request(SIGN_UP, {
      input: { email, password: TEST_PASSWORD, displayName: 'Sneaky', roles: ['OWNER', 'ADMIN'] },
    });
    expect(errorCodes(res)).toEqual([ErrorCode.FORBIDDEN]);
    expect(await countUsers(email)).toBe(0);
  });

  it('gives the same UNAUTHENTICATED error for an unknown email and a wrong password', async () => {
    const user = await api.newUser();
    const unknown = await api.gql.request(LOG_IN, {
      input: { email: uniqueEmail(), password: TEST_PASSWORD },
    });
    const wrong = await api.gql.request(LOG_IN, {
      input: { email: user.email, password: 'wrong password 123' },
    });
    expect(errorCodes(unknown)).toEqual([ErrorCode.UNAUTHENTICATED]);
    expect(errorCodes(wrong)).toEqual([ErrorCode.UNAUTHENTICATED]);
    expect(unknown.errors![0].message).toBe(wrong.errors![0].message);
  });

  it('logs in with the email in any case', async () => {
    const user = await api.newUser();
    const data = await api.gql.ok<{ logIn: { user: { id: string } } }>(LOG_IN, {
      input: { email: user.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(data.logIn.user.id).toBe(user.id);
  });

  it('rotates the refresh token; a retry within the grace gets a session, a reuse after it ends the family', async () => {
    const user = await api.newUser();
    const refresh = (refreshToken: string) =>
      api.gql.request<{ refreshSession: { refreshToken: string } }>(REFRESH, {
        input: { refreshToken },
      });
    const first = await api.gql.ok<{ refreshSession: { refreshToken: string } }>(REFRESH, {
      input: { refreshToken: user.refreshToken },
    });
    expect(first.refreshSession.refreshToken).not.toBe(user.refreshToken);

    // A page reloaded while its refresh was in flight sends the old token again.
    const retry = await refresh(user.refreshToken);
    const retried = retry.data?.refreshSession.refreshToken;
    expect(errorCodes(retry)).toEqual([]);
    expect(retried).toBeDefined();
    expect([user.refreshToken, first.refreshSession.refreshToken]).not.toContain(retried);

    // Past the grace, the same old token is a stolen one: the whole family ends.
    api.clock.advance(REFRESH_REUSE_GRACE_MS + 1000);
    try {
      const reuse = await refresh(user.refreshToken);
      expect(errorCodes(reuse)).toEqual([ErrorCode.UNAUTHENTICATED]);
      for (const newest of [first.refreshSession.refreshToken, retried!]) {
        expect(errorCodes(await refresh(newest))).toEqual([ErrorCode.UNAUTHENTICATED]);
      }
    } finally {
      api.clock.advance(-(REFRESH_REUSE_GRACE_MS + 1000));
    }
  });

  it('logs out: the refresh token stops working', async () => {
    const user = await api.newUser();
    const out = await api.gql.ok<{ logOut: { loggedOut: boolean } }>(
      LOG_OUT,
      { input: { refreshToken: user.refreshToken } },
      user.token,
    );
    expect(out.logOut.loggedOut).toBe(true);
    const res = await api.gql.request(REFRESH, { input: { refreshToken: user.refreshToken } });
    expect(errorCodes(res)).toEqual([ErrorCode.UNAUTHENTICATED]);
  });

  it('refuses to log out a session of another user', async () => {
    const alice = await api.newUser();
    const bob = await api.newUser();
    const res = await api.gql.request(
      LOG_OUT,
      { input: { refreshToken: alice.refreshToken } },
      bob.token,
    );
    expect(errorCodes(res)).toEqual([ErrorCode.NOT_FOUND]);
    await api.gql.ok(REFRESH, { input: { refreshToken: alice.refreshToken } });
  });

  it('answers me with UNAUTHENTICATED without a token, with a forged one and with an expired one', async () => {
    const user = await api.newUser();
    expect(errorCodes(await api.gql.request(ME))).toEqual([ErrorCode.UNAUTHENTICATED]);

    const [header, payload] = user.token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    expect(errorCodes(await api.gql.request(ME, {}, forged))).toEqual([ErrorCode.UNAUTHENTICATED]);

    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const elevated = Buffer.from(JSON.stringify({ ...claims, roles: ['ADMIN'] })).toString(
      'base64url',
    );
    const tampered = `${header}.${elevated}.${user.token.split('.')[2]}`;
    expect(errorCodes(await api.gql.request(ME, {}, tampered))).toEqual([
      ErrorCode.UNAUTHENTICATED,
    ]);

    api.clock.advance(16 * 60 * 1000);
    try {
      const expired = await api.gql.request(ME, {}, user.token);
      expect(errorCodes(expired)).toEqual([ErrorCode.UNAUTHENTICATED]);
      expect(expired.errors![0].message).toMatch(/expired/);
    } finally {
      api.clock.advance(-16 * 60 * 1000);
    }
  });

  it('lets only an admin grant roles, ADMIN included', async () => {
    const owner = await api.newUser([Role.OWNER]);
    const target = await api.newUser([Role.FREELANCER]);
    const refused = await api.gql.request(
      GRANT,
      { input: { userId: target.id, role: 'ADMIN' } },
      owner.token,
    );
    expect(errorCodes(refused)).toEqual([ErrorCode.FORBIDDEN]);

    const admin = await api.newAdmin();
    const granted = await api.gql.ok<{ grantRole: { user: { roles: string[] } } }>(
      GRANT,
      { input: { userId: target.id, role: 'REVIEWER' } },
      admin.token,
    );
    expect(granted.grantRole.user.roles).toEqual(['FREELANCER', 'REVIEWER']);
  });

  it('pages through users with keyset cursors (admin only)', async () => {
    const admin = await api.newAdmin();
    await Promise.all([api.newUser(), api.newUser(), api.newUser()]);
    type Page = {
      users: {
        edges: { node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const page1 = await api.gql.ok<Page>(USERS, { first: 2 }, admin.token);
    const page2 = await api.gql.ok<Page>(
      USERS,
      { first: 2, after: page1.users.pageInfo.endCursor },
      admin.token,
    );
    expect(page1.users.edges).toHaveLength(2);
    expect(page1.users.pageInfo.hasNextPage).toBe(true);
    const ids1 = page1.users.edges.map((e) => e.node.id);
    expect(page2.users.edges.map((e) => e.node.id).some((id) => ids1.includes(id))).toBe(false);

    const bad = await api.gql.request(USERS, { first: 2, after: 'garbage' }, admin.token);
    expect(errorCodes(bad)).toEqual([ErrorCode.BAD_USER_INPUT]);
    const tooMany = await api.gql.request(USERS, { first: 1000 }, admin.token);
    expect(errorCodes(tooMany)).toEqual([ErrorCode.BAD_USER_INPUT]);
    const owner = await api.newUser();
    expect(errorCodes(await api.gql.request(USERS, {}, owner.token))).toEqual([
      ErrorCode.FORBIDDEN,
    ]);
  });
});

describe('sign-up and log-in rate limits', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ AUTH_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'loopback' });
  });
  afterAll(() => api?.close());

  it('refuses the attempts over the limit with RATE_LIMITED', async () => {
    const email = uniqueEmail();
    // A client address of its own (TRUST_PROXY believes X-Forwarded-For from loopback).
    const client = {
      'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250) + 1}, 10.0.0.1`,
    };
    const attempts = [];
    for (let i = 0; i < 5; i++) {
      attempts.push(
        await api.gql.request(
          LOG_IN,
          { input: { email, password: 'wrong password 123' } },
          undefined,
          client,
        ),
      );
    }
    expect(attempts.map((a) => errorCodes(a)[0])).toEqual([
      ErrorCode.UNAUTHENTICATED,
      ErrorCode.UNAUTHENTICATED,
      ErrorCode.UNAUTHENTICATED,
      ErrorCode.RATE_LIMITED,
      ErrorCode.RATE_LIMITED,
    ]);
  });
});
