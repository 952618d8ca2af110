import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const REGISTER = join(ROOT, 'libs/test-support/src/register-ts.js');

export const API_MAIN = join(ROOT, 'apps/api/src/main.ts');
export const WORKER_MAIN = join(ROOT, 'apps/worker/src/main.ts');

/** A Splitwork process started from its sources as `npm run start:api` starts the build. */
export interface StartedProcess {
  child: ChildProcess;
  pid: number;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the output once `text` appears; rejects if the process exits first. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code, or the signal that ended the process. */
  exited: Promise<number | NodeJS.Signals | null>;
  stop(): Promise<number | NodeJS.Signals | null>;
}

/**
 * Spawns `entry` with only the given environment (plus PATH and HOME), so no
 * variable of the test run leaks in.
 */
export function startProcess(entry: string, env: Record<string, string>): StartedProcess {
  const child = spawn(process.execPath, ['-r', REGISTER, entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (d: Buffer) => {
    output += d.toString();
    listeners.forEach((l) => l());
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  const waitFor = (text: string | RegExp, timeoutMs = 120_000) =>
    new Promise<string>((resolve, reject) => {
      const found = () => (typeof text === 'string' ? output.includes(text) : text.test(output));
      const check = () => {
        if (!found()) return;
        cleanup();
        resolve(output);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${String(text)}; output:\n${output}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      void exited.then(() => {
        if (found()) return check();
        cleanup();
        reject(new Error(`exited before ${String(text)}; output:\n${output}`));
      });
      check();
    });
  return {
    child,
    pid: child.pid!,
    output: () => output,
    waitFor,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** The HTTP port the API banner announces. */
export function bannerPort(output: string): number {
  const match = /http:\/\/localhost:(\d+)\/graphql/.exec(output);
  if (!match) throw new Error(`no GraphQL URL in the banner:\n${output}`);
  return Number(match[1]);
}
