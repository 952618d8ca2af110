import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * Connections a process may open to the embedded database. PGlite is one
 * session behind the socket, and the socket interleaves the extended-protocol
 * messages of concurrent connections (seen: "portal does not exist", results
 * crossing), so every query goes through one connection, one at a time.
 */
export const EMBEDDED_POOL_SIZE = 1;

export interface EmbeddedPostgresOptions {
  /** Folder that keeps the data between runs; `memory://` keeps nothing. */
  dataDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  maxConnections?: number;
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served on a local TCP port so
 * the application talks to it with the ordinary `pg` driver, exactly as it
 * would to a server. Transactions through the socket run one at a time.
 */
export class EmbeddedPostgres {
  private db?: PGlite;
  private server?: PGLiteSocketServer;
  private url?: string;

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get connectionUrl(): string {
    if (!this.url) throw new Error('Embedded PostgreSQL is not started');
    return this.url;
  }

  async start(): Promise<string> {
    if (this.url) return this.url;
    // Both packages are ESM-first; load them lazily so server mode never pays for them.
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const dataDir = this.options.dataDir.startsWith('memory://')
      ? this.options.dataDir
      : resolve(this.options.dataDir);
    if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
    this.db = await PGlite.create(dataDir);
    this.server = new PGLiteSocketServer({
      db: this.db,
      host: this.options.host ?? '127.0.0.1',
      port: this.options.port ?? 0,
      maxConnections: this.options.maxConnections ?? 50,
    });
    await this.server.start();
    this.url = `postgres://postgres@${this.server.getServerConn()}/postgres`;
    return this.url;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    await this.db?.close();
    this.server = undefined;
    this.db = undefined;
    this.url = undefined;
  }
}
