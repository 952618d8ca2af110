import { ErrorCode, Role } from '@splitwork/kernel';
import { errorCodes } from '@splitwork/test-support';
import { ApiHarness, startApi } from './api-harness';

/** Inputs the schema fuzzer found answered with an internal error, one test each. */
describe('inputs found by fuzzing', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.close());

  it('answers a freelancer profile asked for by a malformed id with NOT_FOUND', async () => {
    const owner = await api.newUser([Role.OWNER]);
    const res = await api.gql.request(
      `query($userId: ID!) { freelancerProfile(userId: $userId) { __typename } }`,
      { userId: '%00' },
      owner.token,
    );
    expect(errorCodes(res)).toEqual([ErrorCode.NOT_FOUND]);
  });

  it('refuses a list of more than fifty invalid values with BAD_USER_INPUT only', async () => {
    const res = await api.gql.request(
      `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }`,
      {
        input: {
          email: 'many-roles@example.com',
          password: 'a long enough passphrase',
          displayName: 'Many',
          roles: Array.from({ length: 60 }, () => 0),
        },
      },
    );
    expect(res.status).toBe(400);
    expect(new Set(errorCodes(res))).toEqual(new Set([ErrorCode.BAD_USER_INPUT]));
  });
});
