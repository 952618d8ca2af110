export type Role = 'OWNER' | 'FREELANCER' | 'REVIEWER' | 'ADMIN';

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  user: { id: string; displayName: string; email: string; roles: Role[] };
}

type Listener = (session: Session | null) => void;

/** What the session store keeps the tokens in (localStorage in the browser). */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const KEY = 'splitwork.session';

/**
 * The signed-in session: tokens and user, kept across reloads, with
 * listeners for the screens. Refresh goes through `refresh()`, which runs at
 * most one refreshSession at a time: the refresh token is single use, so two
 * concurrent refreshes would end the session.
 */
export class SessionStore {
  private session: Session | null;
  private readonly listeners = new Set<Listener>();
  private inFlight: Promise<Session | null> | null = null;

  constructor(
    private readonly storage: TokenStorage,
    private readonly refresher: (refreshToken: string) => Promise<Session | null>,
  ) {
    this.session = SessionStore.read(storage);
  }

  private static read(storage: TokenStorage): Session | null {
    try {
      const raw = storage.getItem(KEY);
      return raw ? (JSON.parse(raw) as Session) : null;
    } catch {
      return null;
    }
  }

  get current(): Session | null {
    return this.session;
  }

  set(session: Session | null): void {
    this.session = session;
    if (session) this.storage.setItem(KEY, JSON.stringify(session));
    else this.storage.removeItem(KEY);
    for (const l of this.listeners) l(session);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True when the access token has expired or will within `marginMs`. */
  expiresSoon(now = Date.now(), marginMs = 5000): boolean {
    if (!this.session) return false;
    return Date.parse(this.session.accessTokenExpiresAt) - marginMs <= now;
  }

  /**
   * A fresh session from the refresh token. Null when there is none: signed
   * out when the refresher answers null (the token was refused); the session
   * kept when it throws (the network, the API busy), for the next try.
   */
  refresh(): Promise<Session | null> {
    const refreshToken = this.session?.refreshToken;
    if (!refreshToken) return Promise.resolve(null);
    if (!this.inFlight) {
      this.inFlight = this.refresher(refreshToken)
        .then((next) => {
          this.set(next);
          return next;
        })
        .catch(() => null)
        .finally(() => {
          this.inFlight = null;
        });
    }
    return this.inFlight;
  }

  /** The access token to send now, refreshed first when it is about to expire. */
  async accessToken(): Promise<string | null> {
    if (this.session && this.expiresSoon()) await this.refresh();
    return this.session?.accessToken ?? null;
  }
}
