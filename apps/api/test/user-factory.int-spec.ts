import { Role } from '@splitwork/kernel';
import { TEST_PASSWORD } from '@splitwork/test-support';
import { ApiHarness, startApi } from './api-harness';

const ME = `query { me { id email displayName roles } }`;
const MY_APPLICATION = `query { myReviewerApplication { status decidedById decidedAt } }`;
const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { user { id roles } } }`;
const REFRESH = `mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken } }`;

interface Me {
  me: { id: string; email: string; displayName: string; roles: string[] };
}

describe('the in-process user factory', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.close());

  it('makes a logged-in user whose token the API accepts', async () => {
    const user = await api.factory.user([Role.OWNER, Role.FREELANCER], 'Factory Made');
    const { me } = await api.gql.ok<Me>(ME, {}, user.token);
    expect(me).toEqual({
      id: user.id,
      email: user.email,
      displayName: 'Factory Made',
      roles: [Role.OWNER, Role.FREELANCER],
    });
  });

  it('gives a user that logs in with the test password and a refresh token that works', async () => {
    const user = await api.factory.user();
    const logIn = await api.gql.ok<{ logIn: { user: { id: string; roles: string[] } } }>(LOG_IN, {
      input: { email: user.email, password: TEST_PASSWORD },
    });
    expect(logIn.logIn.user).toEqual({ id: user.id, roles: [Role.OWNER] });
    const refreshed = await api.gql.ok<{ refreshSession: { accessToken: string } }>(REFRESH, {
      input: { refreshToken: user.refreshToken },
    });
    expect((await api.gql.ok<Me>(ME, {}, refreshed.refreshSession.accessToken)).me.id).toBe(
      user.id,
    );
  });

  it('makes a reviewer approved by an admin, with the approval on record', async () => {
    const reviewer = await api.factory.user([Role.REVIEWER]);
    const { me } = await api.gql.ok<Me>(ME, {}, reviewer.token);
    expect(me.roles).toEqual([Role.REVIEWER]);
    const { myReviewerApplication } = await api.gql.ok<{
      myReviewerApplication: { status: string; decidedById: string; decidedAt: string };
    }>(MY_APPLICATION, {}, reviewer.token);
    expect(myReviewerApplication.status).toBe('APPROVED');
    expect(myReviewerApplication.decidedById).toEqual(expect.any(String));
    expect(myReviewerApplication.decidedById).not.toBe(reviewer.id);
    expect(myReviewerApplication.decidedAt).toEqual(expect.any(String));
  });

  it('leaves a reviewer application waiting when asked, without the role', async () => {
    const pending = await api.factory.user([Role.REVIEWER], 'Waiting', { reviewer: 'PENDING' });
    expect((await api.gql.ok<Me>(ME, {}, pending.token)).me.roles).toEqual([]);
    const { myReviewerApplication } = await api.gql.ok<{
      myReviewerApplication: { status: string; decidedById: string | null };
    }>(MY_APPLICATION, {}, pending.token);
    expect(myReviewerApplication).toMatchObject({ status: 'PENDING', decidedById: null });
  });

  it('makes an admin the admin-only operations accept', async () => {
    const admin = await api.factory.admin();
    expect((await api.gql.ok<Me>(ME, {}, admin.token)).me.roles).toEqual([Role.ADMIN]);
    const users = await api.gql.ok<{ users: { edges: unknown[] } }>(
      `query { users(first: 1) { edges { cursor } } }`,
      {},
      admin.token,
    );
    expect(users.users.edges).toHaveLength(1);
  });
});
