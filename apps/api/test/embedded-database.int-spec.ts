import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { TEST_PASSWORD } from '@splitwork/test-support';
import { API_MAIN, bannerPort, startProcess, StartedProcess, WORKER_MAIN } from './api-process';

/** TCP ports the process listens on (IPv4 and IPv6), from /proc. */
function listeningTcpPorts(pid: number): number[] {
  const inodes = new Set(
    readdirSync(`/proc/${pid}/fd`)
      .map((fd) => {
        try {
          return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        } catch {
          return undefined;
        }
      })
      .filter((inode): inode is string => inode !== undefined),
  );
  const ports: number[] = [];
  for (const table of ['tcp', 'tcp6']) {
    for (const line of readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== '0A' || !inodes.has(cols[9])) continue; // 0A: LISTEN
      ports.push(parseInt(cols[1].split(':')[1], 16));
    }
  }
  return ports;
}

async function gql<T>(port: number, query: string, variables: object): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }`;
const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { user { id } } }`;

describe('the embedded database on a data folder', () => {
  let dataDir: string;
  const started: StartedProcess[] = [];
  const start = (entry: string) => {
    const p = startProcess(entry, {
      NODE_ENV: 'development',
      PORT: '0',
      HOST: '127.0.0.1',
      SPLITWORK_DATA_DIR: dataDir,
      SEED_DEMO_DATA: 'false',
    });
    started.push(p);
    return p;
  };

  beforeAll(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'splitwork-embedded-')), 'data');
    // A folder others can read, as an older version left it.
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
  });
  afterAll(async () => {
    await Promise.all(started.map((p) => p.stop()));
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('serves one process at a time: a second API or worker is refused naming the holder, and after the holder stops a new start sees its data', async () => {
    const first = start(API_MAIN);
    const banner = await first.waitFor('Splitwork API ready');
    const port = bannerPort(banner);
    const email = `lock-${Date.now()}@example.com`;
    await gql(port, SIGN_UP, {
      input: { email, password: TEST_PASSWORD, displayName: 'Lock Test', roles: ['OWNER'] },
    });

    for (const entry of [API_MAIN, WORKER_MAIN]) {
      const second = start(entry);
      expect(await second.exited).not.toBe(0);
      expect(second.output()).toContain(`in use by process ${first.pid} on host`);
      expect(second.output()).toMatch(
        /started \d{4}-\d\d-\d\dT[\d:.]+Z, command: \S*node .*main\.ts/,
      );
    }
    // The refused starts did not disturb the holder.
    await gql(port, LOG_IN, { input: { email, password: TEST_PASSWORD } });

    // Nest closes the app on SIGTERM, then ends by the same signal.
    expect(await first.stop()).toBe('SIGTERM');
    expect(() => statSync(join(dataDir, 'pg.lock'))).toThrow();
    const next = start(API_MAIN);
    const nextPort = bannerPort(await next.waitFor('Splitwork API ready'));
    const { logIn } = await gql<{ logIn: { user: { id: string } } }>(nextPort, LOG_IN, {
      input: { email, password: TEST_PASSWORD },
    });
    expect(logIn.user.id).toEqual(expect.any(String));
  }, 300_000);

  it('keeps the data folder owner-only and reaches the database on a Unix socket, not on TCP', async () => {
    const api = started.find((p) => p.child.exitCode === null && p.child.signalCode === null)!;
    const banner = api.output();
    expect(statSync(dataDir).mode & 0o777).toBe(0o700); // tightened from 0755
    expect(statSync(join(dataDir, 'pg')).mode & 0o777).toBe(0o700);
    const socket = statSync(join(dataDir, '.s.PGSQL.5432'));
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o777).toBe(0o600);
    // The only TCP port is the HTTP one.
    expect(listeningTcpPorts(api.pid)).toEqual([bannerPort(banner)]);

    // The banner says how to reach it, and that URL works (from this user).
    const url = /psql "([^"]+)"/.exec(banner)?.[1];
    expect(url).toContain(`host=${encodeURIComponent(dataDir)}`);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM users');
      expect(Number(rows[0].n)).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
    expect(banner).toContain(`Data folder: ${dataDir}`);
    // Zero-setup email: .eml files in the data folder, and the banner says where.
    expect(banner).toContain(
      `Email: no SMTP_URL, written as .eml files to ${join(dataDir, 'mail')}`,
    );
  });
});
