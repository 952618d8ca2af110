import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLock, DataDirLockedError, LockHolder } from '../data-dir-lock';

const ROOT = join(__dirname, '..', '..', '..', '..');
const REGISTER = join(ROOT, 'libs/test-support/src/register-ts.js');
const TAKE_LOCK = join(__dirname, 'fixtures/take-lock.ts');

function procStart(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

/** The pid of a process that has exited (and been collected). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

function holder(overrides: Partial<LockHolder>): LockHolder {
  return {
    pid: deadPid(),
    host: hostname(),
    startedAt: '2026-01-01T00:00:00.000Z',
    command: 'node dist/apps/api/src/main.js',
    token: 'earlier',
    ...overrides,
  };
}

function refusal(fn: () => unknown): DataDirLockedError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DataDirLockedError) return error;
    throw error;
  }
  throw new Error('expected DataDirLockedError');
}

describe('DataDirLock', () => {
  let dir: string;
  let lockFile: string;
  const held: DataDirLock[] = [];
  const take = () => {
    const lock = DataDirLock.acquire(lockFile, 'The test folder');
    held.push(lock);
    return lock;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'splitwork-lock-'));
    lockFile = join(dir, 'pg.lock');
  });
  afterEach(() => {
    held.splice(0).forEach((l) => l.release());
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a lock file that only its owner can read, naming this process', () => {
    take();
    const written = JSON.parse(readFileSync(lockFile, 'utf8')) as LockHolder;
    expect(written).toMatchObject({ pid: process.pid, host: hostname() });
    expect(written.command).toContain(process.argv[1]);
    expect(statSync(lockFile).mode & 0o777).toBe(0o600);
  });

  it('refuses a second holder while the first lives, naming the holder', () => {
    take();
    const error = refusal(() => take());
    expect(error.message).toContain(`process ${process.pid} (this process) on host ${hostname()}`);
    expect(error.message).toContain('command: ');
    expect(error.message).toContain('started ');
  });

  it('is free again once released, and release leaves another holder’s lock alone', () => {
    const first = take();
    first.release();
    expect(() => statSync(lockFile)).toThrow();
    take();
    first.release(); // a second release must not remove the new holder's file
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    expect(() => take()).toThrow(DataDirLockedError);
  });

  it('takes over a lock whose process no longer runs', () => {
    writeFileSync(lockFile, JSON.stringify(holder({})));
    take();
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
  });

  it('takes over a lock whose pid now belongs to a later process', () => {
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(lockFile, JSON.stringify(holder({ pid: other.pid!, procStart: '1' })));
      take();
      expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    } finally {
      other.kill();
    }
  });

  it('refuses a lock of a live process with the recorded start time', () => {
    const other = spawn('sleep', ['30']);
    try {
      const start = procStart(other.pid!);
      writeFileSync(lockFile, JSON.stringify(holder({ pid: other.pid!, procStart: start })));
      expect(refusal(() => take()).message).toContain(`process ${other.pid} on host`);
    } finally {
      other.kill();
    }
  });

  it('takes over a lock written before the machine restarted', () => {
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(
        lockFile,
        JSON.stringify(holder({ pid: other.pid!, bootId: 'an-earlier-boot' })),
      );
      take();
    } finally {
      other.kill();
    }
  });

  it('refuses a lock held on another host, saying to remove it by hand', () => {
    writeFileSync(lockFile, JSON.stringify(holder({ host: 'elsewhere.example' })));
    const error = refusal(() => take());
    expect(error.message).toContain('on host elsewhere.example');
    expect(error.message).toContain(`removed by hand once that process is stopped: ${lockFile}`);
  });

  it('lets exactly one of several processes racing for a stale lock win', async () => {
    writeFileSync(lockFile, JSON.stringify(holder({})));
    const startAt = String(Date.now() + 1500); // every process loaded before the start
    const outcomes = await Promise.all(
      Array.from(
        { length: 6 },
        () =>
          new Promise<string>((resolve, reject) => {
            const child = spawn(process.execPath, [
              '-r',
              REGISTER,
              TAKE_LOCK,
              lockFile,
              startAt,
              '1500',
            ]);
            let out = '';
            child.stdout.on('data', (d: Buffer) => (out += d.toString()));
            child.on('error', reject);
            child.on('exit', (code) =>
              code === 0 ? resolve(out.trim()) : reject(new Error(`exit ${code}: ${out}`)),
            );
          }),
      ),
    );
    expect(outcomes.filter((o) => o === 'WON')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'REFUSED')).toHaveLength(5);
    // The winner released it on exit.
    expect(() => statSync(lockFile)).toThrow();
  }, 30_000);

  it('frees the folder when its process exits without releasing', () => {
    const script = `require(${JSON.stringify(join(ROOT, 'libs/database/src/data-dir-lock.ts'))}).DataDirLock.acquire(${JSON.stringify(lockFile)}, 'x'); process.exit(0);`;
    execFileSync(process.execPath, ['-r', REGISTER, '-e', script]);
    expect(() => statSync(lockFile)).toThrow();
  });
});
