import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuthFetch } from '../auth/auth-fetch';
import { refreshOverHttp } from '../graphql/client';
import { SessionStore, type Session } from '../auth/session-store';
import { MemoryStorage } from '../test/render';

const session = (token: string, expiresInMs: number): Session => ({
  accessToken: token,
  accessTokenExpiresAt: new Date(Date.now() + expiresInMs).toISOString(),
  refreshToken: `refresh-of-${token}`,
  user: { id: 'u1', displayName: 'U', email: 'u@x.dev', roles: ['OWNER'] },
});

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

describe('SessionStore', () => {
  it('runs one refresh for concurrent callers: the refresh token is single use', async () => {
    const refresher = vi.fn(async () => session('new', 600_000));
    const store = new SessionStore(new MemoryStorage(), refresher);
    store.set(session('old', 1_000));
    const tokens = await Promise.all([
      store.accessToken(),
      store.accessToken(),
      store.accessToken(),
    ]);
    expect(tokens).toEqual(['new', 'new', 'new']);
    expect(refresher).toHaveBeenCalledTimes(1);
    expect(refresher).toHaveBeenCalledWith('refresh-of-old');
  });

  it('signs out when the refresh token is refused', async () => {
    const store = new SessionStore(new MemoryStorage(), async () => null);
    store.set(session('old', 0));
    expect(await store.accessToken()).toBeNull();
    expect(store.current).toBeNull();
  });

  it('keeps the session when the refresh fails for another reason, and refreshes on the next try', async () => {
    const refresher = vi
      .fn<(token: string) => Promise<Session | null>>()
      .mockRejectedValueOnce(new Error('The session could not be refreshed (HTTP 502)'))
      .mockResolvedValueOnce(session('new', 600_000));
    const storage = new MemoryStorage();
    const store = new SessionStore(storage, refresher);
    store.set(session('old', 0));
    expect(await store.accessToken()).toBe('old');
    expect(new SessionStore(storage, refresher).current?.refreshToken).toBe('refresh-of-old');
    expect(await store.accessToken()).toBe('new');
    expect(refresher).toHaveBeenNthCalledWith(2, 'refresh-of-old');
  });

  it('keeps the session across reloads in its storage', () => {
    const storage = new MemoryStorage();
    new SessionStore(storage, async () => null).set(session('kept', 600_000));
    expect(new SessionStore(storage, async () => null).current?.accessToken).toBe('kept');
  });
});

describe('createAuthFetch', () => {
  it('refreshes and retries once when the API answers UNAUTHENTICATED', async () => {
    const store = new SessionStore(new MemoryStorage(), async () => session('fresh', 600_000));
    store.set(session('stale', 600_000));
    const seen: (string | null)[] = [];
    const base = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
      const auth = new Headers(init?.headers).get('authorization');
      seen.push(auth);
      return auth === 'Bearer fresh'
        ? json({ data: { me: { id: 'u1' } } })
        : json({
            errors: [{ message: 'Access token expired', extensions: { code: 'UNAUTHENTICATED' } }],
          });
    });
    const res = await createAuthFetch(store, base)('/graphql', { method: 'POST', body: '{}' });
    expect(await res.json()).toEqual({ data: { me: { id: 'u1' } } });
    expect(seen).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  it('sends no token and never refreshes without a session', async () => {
    const refresher = vi.fn(async () => null);
    const store = new SessionStore(new MemoryStorage(), refresher);
    const base = vi.fn(async () =>
      json({ errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] }),
    );
    await createAuthFetch(store, base)('/graphql', {});
    expect(refresher).not.toHaveBeenCalled();
    expect(base).toHaveBeenCalledTimes(1);
  });
});

describe('refreshOverHttp', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  const answering = (response: Response) =>
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => response),
    );

  it('gives the new session', async () => {
    answering(json({ data: { refreshSession: session('new', 600_000) } }));
    expect((await refreshOverHttp('/graphql', 'r'))?.accessToken).toBe('new');
  });

  it('answers null when the API refuses the refresh token', async () => {
    answering(
      json({ data: null, errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] }),
    );
    expect(await refreshOverHttp('/graphql', 'r')).toBeNull();
  });

  it('throws on any other failure: rate limited, or not even a GraphQL answer', async () => {
    answering(
      json({
        data: null,
        errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED' } }],
      }),
    );
    await expect(refreshOverHttp('/graphql', 'r')).rejects.toThrow(/RATE_LIMITED/);
    answering(new Response('Bad Gateway', { status: 502 }));
    await expect(refreshOverHttp('/graphql', 'r')).rejects.toThrow(/HTTP 502/);
  });
});
