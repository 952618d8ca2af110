import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { DataDirLock } from './data-dir-lock';

/**
 * Connections a process may open to the embedded database. PGlite is one
 * session behind the socket, and the socket interleaves the extended-protocol
 * messages of concurrent connections (seen: "portal does not exist", results
 * crossing), so every query goes through one connection, one at a time.
 */
export const EMBEDDED_POOL_SIZE = 1;

/** The socket's name as libpq and `pg` derive it from a folder (port 5432). */
const SOCKET_NAME = '.s.PGSQL.5432';

/** Unix socket paths longer than this do not fit in sockaddr_un (108 bytes on Linux, 104 on macOS). */
const MAX_SOCKET_PATH = 100;

export interface EmbeddedPostgresOptions {
  /** Folder that keeps the data between runs; `memory://` keeps nothing. */
  dataDir: string;
  maxConnections?: number;
}

/**
 * Creates `dir` readable by its owner only, or tightens it to that. A folder
 * of another user is refused: this process could neither tighten it nor
 * trust it.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = statSync(dir);
  if (!stat.isDirectory()) throw new Error(`${dir} is not a folder`);
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) {
    throw new Error(
      `${dir} belongs to another user (uid ${stat.uid}); the embedded database keeps its data only in a folder of its own user`,
    );
  }
  if ((stat.mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served on a Unix socket so the
 * application talks to it with the ordinary `pg` driver, exactly as it would
 * to a server. PGlite has no authentication, so nothing listens on TCP: the
 * socket sits in the data folder's parent (mode 0700) and is itself 0600, so
 * only this user reaches it. One process at a time owns a data folder (see
 * DataDirLock). Transactions through the socket run one at a time.
 */
export class EmbeddedPostgres {
  private db?: PGlite;
  private server?: PGLiteSocketServer;
  private url?: string;
  private lock?: DataDirLock;
  /** A private temporary folder for the socket, removed on stop. */
  private tempSocketDir?: string;
  private socketDir?: string;

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get connectionUrl(): string {
    if (!this.url) throw new Error('Embedded PostgreSQL is not started');
    return this.url;
  }

  /** The folder holding the Unix socket (`.s.PGSQL.5432`), once started. */
  get socketDirectory(): string | undefined {
    return this.socketDir;
  }

  async start(): Promise<string> {
    if (this.url) return this.url;
    const inMemory = this.options.dataDir.startsWith('memory://');
    const dataDir = inMemory ? this.options.dataDir : resolve(this.options.dataDir);
    let socketDir: string;
    if (inMemory) {
      socketDir = this.privateTempDir();
    } else {
      // The parent holds the lock and the socket: both must exist before PGlite opens the data.
      const parent = dirname(dataDir);
      ensurePrivateDir(parent);
      this.lock = DataDirLock.acquire(`${dataDir}.lock`, `The embedded database in ${dataDir}`);
      ensurePrivateDir(dataDir);
      socketDir =
        join(parent, SOCKET_NAME).length <= MAX_SOCKET_PATH ? parent : this.privateTempDir();
      // Left by a process that died: the lock says nobody serves on it now.
      rmSync(join(socketDir, SOCKET_NAME), { force: true });
    }
    try {
      // Both packages are ESM-first; load them lazily so server mode never pays for them.
      const { PGlite } = await import('@electric-sql/pglite');
      const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
      this.db = await PGlite.create(dataDir);
      const socketPath = join(socketDir, SOCKET_NAME);
      this.server = new PGLiteSocketServer({
        db: this.db,
        path: socketPath,
        maxConnections: this.options.maxConnections ?? 50,
      });
      await this.server.start();
      chmodSync(socketPath, 0o600);
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.socketDir = socketDir;
    // `host` as a query parameter is how both libpq (psql) and `pg` take a socket folder.
    this.url = `postgres://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    await this.db?.close();
    this.server = undefined;
    this.db = undefined;
    this.url = undefined;
    this.socketDir = undefined;
    if (this.tempSocketDir) rmSync(this.tempSocketDir, { recursive: true, force: true });
    this.tempSocketDir = undefined;
    this.lock?.release();
    this.lock = undefined;
  }

  private privateTempDir(): string {
    // mkdtemp creates the folder 0700.
    this.tempSocketDir = mkdtempSync(join(tmpdir(), 'splitwork-pg-'));
    return this.tempSocketDir;
  }
}
