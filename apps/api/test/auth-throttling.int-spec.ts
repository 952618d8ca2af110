import { ErrorCode } from '@splitwork/kernel';
import { errorCodes, GraphQLResponse, TEST_PASSWORD, uniqueEmail } from '@splitwork/test-support';
import { ApiHarness, startApi } from './api-harness';

const LOG_IN = `mutation LogIn($input: LogInInput!) { logIn(input: $input) { accessToken } }`;
const SIGN_UP = `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { accessToken } }`;

let octet = 0;
/** A fresh documentation-range address for each call. */
function address(): string {
  octet += 1;
  return `203.0.${Math.floor(octet / 250)}.${(octet % 250) + 1}`;
}

function logIn(
  api: ApiHarness,
  email: string,
  password: string,
  forwardedFor?: string,
): Promise<GraphQLResponse> {
  return api.gql.request(
    LOG_IN,
    { input: { email, password } },
    undefined,
    forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  );
}

describe('client address behind proxies', () => {
  it('ignores X-Forwarded-For when TRUST_PROXY is unset, so spoofing it does not reset the limit', async () => {
    const api = await startApi({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) {
        // A new email and a new claimed address each time: only the real address is left to count.
        codes.push(errorCodes(await logIn(api, uniqueEmail(), 'wrong password 123', address()))[0]);
      }
      expect(codes).toEqual([
        ErrorCode.UNAUTHENTICATED,
        ErrorCode.UNAUTHENTICATED,
        ErrorCode.UNAUTHENTICATED,
        ErrorCode.RATE_LIMITED,
        ErrorCode.RATE_LIMITED,
      ]);
    } finally {
      await api.close();
    }
  });

  it('uses the forwarded address with TRUST_PROXY=1', async () => {
    const api = await startApi({ AUTH_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '1' });
    try {
      const limited = address();
      const codes = [];
      for (let i = 0; i < 4; i++) {
        codes.push(errorCodes(await logIn(api, uniqueEmail(), 'wrong password 123', limited))[0]);
      }
      expect(codes).toEqual([
        ErrorCode.UNAUTHENTICATED,
        ErrorCode.UNAUTHENTICATED,
        ErrorCode.UNAUTHENTICATED,
        ErrorCode.RATE_LIMITED,
      ]);
      const other = await logIn(api, uniqueEmail(), 'wrong password 123', address());
      expect(errorCodes(other)).toEqual([ErrorCode.UNAUTHENTICATED]);
    } finally {
      await api.close();
    }
  });
});

describe('failed log-ins', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({
      TRUST_PROXY: '1',
      AUTH_RATE_LIMIT_PER_MINUTE: '20',
      AUTH_LOGIN_BACKOFF_AFTER: '3',
      AUTH_LOGIN_BACKOFF_MAX_SECONDS: '900',
    });
  });
  afterAll(() => api?.close());

  it('50 failures for an email from rotating addresses do not stop the owner logging in from theirs', async () => {
    const owner = await api.newUser();
    for (let i = 0; i < 50; i++) {
      const res = await logIn(api, owner.email, 'wrong password 123', address());
      expect(errorCodes(res)).toEqual([ErrorCode.UNAUTHENTICATED]);
    }
    const res = await logIn(api, owner.email, TEST_PASSWORD, address());
    expect(errorCodes(res)).toEqual([]);
    expect(res.data).toMatchObject({ logIn: { accessToken: expect.any(String) } });
  });

  it('locks the (email, address) pair with a growing delay, and only that pair', async () => {
    const owner = await api.newUser();
    const attacker = address();
    const retryAfter: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await logIn(api, owner.email, 'wrong password 123', attacker);
      expect(errorCodes(res)).toEqual([ErrorCode.UNAUTHENTICATED]);
    }
    for (const wait of [1, 2, 4, 8]) {
      // Locked: even the right password is refused, with a hint of when to retry.
      const locked = await logIn(api, owner.email, TEST_PASSWORD, attacker);
      expect(errorCodes(locked)).toEqual([ErrorCode.RATE_LIMITED]);
      retryAfter.push(locked.errors![0].extensions?.retryAfterSeconds);
      api.clock.advance(wait * 1000);
      const again = await logIn(api, owner.email, 'wrong password 123', attacker);
      expect(errorCodes(again)).toEqual([ErrorCode.UNAUTHENTICATED]);
    }
    expect(retryAfter).toEqual([1, 2, 4, 8]);
    // The owner from their own address is not affected.
    const own = await logIn(api, owner.email, TEST_PASSWORD, address());
    expect(errorCodes(own)).toEqual([]);
  });

  it('a successful log-in resets the pair', async () => {
    const owner = await api.newUser();
    const from = address();
    for (let i = 0; i < 2; i++) {
      expect(errorCodes(await logIn(api, owner.email, 'wrong password 123', from))).toEqual([
        ErrorCode.UNAUTHENTICATED,
      ]);
    }
    expect(errorCodes(await logIn(api, owner.email, TEST_PASSWORD, from))).toEqual([]);
    for (let i = 0; i < 2; i++) {
      expect(errorCodes(await logIn(api, owner.email, 'wrong password 123', from))).toEqual([
        ErrorCode.UNAUTHENTICATED,
      ]);
    }
    expect(errorCodes(await logIn(api, owner.email, TEST_PASSWORD, from))).toEqual([]);
  });

  it('limits failures per address across emails', async () => {
    const limited = await startApi({
      TRUST_PROXY: '1',
      AUTH_LOGIN_FAILURES_PER_ADDRESS_PER_HOUR: '4',
    });
    try {
      const from = address();
      const codes = [];
      for (let i = 0; i < 6; i++) {
        codes.push(errorCodes(await logIn(limited, uniqueEmail(), 'wrong password 123', from))[0]);
      }
      expect(codes).toEqual([
        ErrorCode.UNAUTHENTICATED,
        ErrorCode.UNAUTHENTICATED,
        ErrorCode.UNAUTHENTICATED,
        ErrorCode.UNAUTHENTICATED,
        ErrorCode.RATE_LIMITED,
        ErrorCode.RATE_LIMITED,
      ]);
      expect(
        errorCodes(await logIn(limited, uniqueEmail(), 'wrong password 123', address())),
      ).toEqual([ErrorCode.UNAUTHENTICATED]);
    } finally {
      await limited.close();
    }
  });
});

describe('sign-up and existing accounts', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ TRUST_PROXY: '1', AUTH_SIGNUPS_PER_ADDRESS_PER_HOUR: '3' });
  });
  afterAll(() => api?.close());

  const signUp = (email: string, from: string, password = TEST_PASSWORD) =>
    api.gql.request(
      SIGN_UP,
      { input: { email, password, displayName: 'Someone', roles: ['OWNER'] } },
      undefined,
      { 'x-forwarded-for': from },
    );

  it('refuses a taken email with the generic refusal and no word of the account', async () => {
    const taken = uniqueEmail();
    expect(errorCodes(await signUp(taken, address()))).toEqual([]);
    const again = await signUp(taken, address());
    expect(errorCodes(again)).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(again.errors![0].message).toBe('An account cannot be created with these details');
    expect(again.errors![0].extensions).toEqual({ code: ErrorCode.BAD_USER_INPUT });
  });

  it('lets one address try only a few sign-ups per hour, so emails cannot be probed at scale', async () => {
    const from = address();
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push(errorCodes(await signUp(uniqueEmail(), from))[0]);
    expect(codes).toEqual([
      undefined,
      undefined,
      undefined,
      ErrorCode.RATE_LIMITED,
      ErrorCode.RATE_LIMITED,
    ]);
  });
});
