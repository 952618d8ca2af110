import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** Who holds a lock: enough to find the process, and to tell it from a later one with its pid. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When the holding process started (ISO 8601). */
  startedAt: string;
  command: string;
  /** Linux: the kernel's boot id and the process start time in clock ticks, to detect pid reuse. */
  bootId?: string;
  procStart?: string;
  /** Tells this holder's own lock from any other in `release`. */
  token: string;
}

/** The folder is held by another live process (or by one on another host). */
export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder | undefined,
    what: string,
  ) {
    super(
      `${what} is in use by ${describeHolder(holder)}. Two processes on one embedded database ` +
        `lose each other's writes, so this one does not start. Stop that process, give this one ` +
        `its own SPLITWORK_DATA_DIR, or run both on a PostgreSQL server (DATABASE_URL). ` +
        `A lock left by a process that no longer runs on this host is taken over by itself; ` +
        (holder && holder.host !== hostname()
          ? `one from another host must be removed by hand once that process is stopped: ${lockFile}`
          : `lock file: ${lockFile}`),
    );
    this.name = 'DataDirLockedError';
    // The message says it all; keep the fields out of the logged error.
    Object.defineProperty(this, 'lockFile', { enumerable: false });
    Object.defineProperty(this, 'holder', { enumerable: false });
  }
}

function describeHolder(holder: LockHolder | undefined): string {
  if (!holder) return 'a process that is starting (its lock file is not written yet)';
  const self = holder.pid === process.pid && holder.host === hostname() ? ' (this process)' : '';
  return `process ${holder.pid}${self} on host ${holder.host}, started ${holder.startedAt}, command: ${holder.command}`;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Fields 3 on of /proc/<pid>/stat (state, …, start time at [19]); undefined off Linux. */
function procStat(pid: number | 'self'): string[] | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** The process start time in clock ticks since boot. */
function procStart(pid: number | 'self'): string | undefined {
  return procStat(pid)?.[19];
}

function me(): LockHolder {
  return {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    command: process.argv.join(' ').slice(0, 500),
    bootId: readText('/proc/sys/kernel/random/boot_id'),
    procStart: procStart('self'),
    token: randomBytes(12).toString('hex'),
  };
}

type ReadResult =
  { state: 'absent' } | { state: 'unreadable' } | { state: 'held'; holder: LockHolder };

function readLock(path: string): ReadResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'absent' };
    throw error;
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    if (typeof holder.pid === 'number' && typeof holder.host === 'string') {
      return { state: 'held', holder };
    }
  } catch {
    // falls through: not a lock this code wrote
  }
  return { state: 'unreadable' };
}

/**
 * Whether the holder still runs. A holder on another host cannot be checked
 * and counts as alive. On this host: a different boot id means the machine
 * restarted since; a live pid whose start time differs from the recorded one
 * is a later process that reuses the pid.
 */
export function holderIsAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  const bootId = readText('/proc/sys/kernel/random/boot_id');
  if (holder.bootId && bootId && holder.bootId !== bootId) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(holder.pid);
  // A zombie has exited; only its parent has not collected it yet.
  if (stat?.[0] === 'Z' || stat?.[0] === 'X') return false;
  const start = stat?.[19];
  return !(holder.procStart && start && holder.procStart !== start);
}

function writeExclusive(path: string, content: string): boolean {
  try {
    writeFileSync(path, content, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Publishes `content` at `path` only if nothing is there, in one step: the
 * content is written to a private file first and hard-linked into place
 * (link fails when the name exists), so a reader never sees half a lock.
 */
function publishExclusive(path: string, content: string): boolean {
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, content, { flag: 'wx', mode: 0o600 });
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links: exclusive create (a reader may see it empty, briefly).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') {
      return writeExclusive(path, content);
    }
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * An exclusive lock on a folder for the life of a process, held as a file
 * that names the holder. A lock whose holder no longer runs is taken over;
 * starters that race for the same stale lock serialise on a second file, so
 * exactly one removes it and exactly one then creates the new lock.
 */
export class DataDirLock {
  private released = false;
  private readonly onExit = () => this.release();

  private constructor(
    readonly lockFile: string,
    private readonly holder: LockHolder,
  ) {
    // A process that ends without stopping the database still frees the folder.
    process.once('exit', this.onExit);
  }

  /** Takes the lock or throws DataDirLockedError naming the holder; `what` names the folder. */
  static acquire(lockFile: string, what: string): DataDirLock {
    const holder = me();
    const content = JSON.stringify(holder, null, 2) + '\n';
    for (let attempt = 0; attempt < 50; attempt++) {
      if (publishExclusive(lockFile, content)) return new DataDirLock(lockFile, holder);
      const found = readLock(lockFile);
      if (found.state === 'absent') continue; // released meanwhile
      if (found.state === 'held' && holderIsAlive(found.holder)) {
        throw new DataDirLockedError(lockFile, found.holder, what);
      }
      if (found.state === 'unreadable' && attempt < 20) {
        sleep(50); // maybe a starter without hard links, between create and write
        continue;
      }
      DataDirLock.removeStale(lockFile);
    }
    const last = readLock(lockFile);
    throw new DataDirLockedError(lockFile, last.state === 'held' ? last.holder : undefined, what);
  }

  /**
   * Removes the lock file if it is still stale, under a takeover file that
   * only one starter can create. While it is held nobody else removes the
   * lock, and a stale lock cannot turn live: what is judged here is what is
   * removed.
   */
  private static removeStale(lockFile: string): void {
    const guard = `${lockFile}.takeover`;
    if (!writeExclusive(guard, JSON.stringify(me()))) {
      // Another starter is taking over; a guard left by a starter that died there goes too.
      const other = readLock(guard);
      if (other.state === 'held' && !holderIsAlive(other.holder)) unlinkQuietly(guard);
      sleep(20);
      return;
    }
    try {
      const found = readLock(lockFile);
      if (
        found.state === 'unreadable' ||
        (found.state === 'held' && !holderIsAlive(found.holder))
      ) {
        unlinkQuietly(lockFile);
      }
    } finally {
      unlinkQuietly(guard);
    }
  }

  /** Frees the folder if the lock file is still this holder's. */
  release(): void {
    if (this.released) return;
    this.released = true;
    process.removeListener('exit', this.onExit);
    const found = readLock(this.lockFile);
    if (found.state === 'held' && found.holder.token === this.holder.token) {
      unlinkQuietly(this.lockFile);
    }
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
