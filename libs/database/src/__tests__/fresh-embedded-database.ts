import { fork } from 'node:child_process';
import { join } from 'node:path';

export interface FreshDatabase {
  url: string;
  stop(): Promise<void>;
}

/** Starts a new, empty in-memory embedded PostgreSQL in a child process. */
export function startFreshEmbeddedDatabase(): Promise<FreshDatabase> {
  const child = fork(join(__dirname, 'embedded-database-process.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('message', (message: { url?: string; error?: string }) => {
      if (!message.url) {
        reject(new Error(`Embedded PostgreSQL did not start: ${message.error}`));
        return;
      }
      resolve({
        url: message.url,
        stop: async () => {
          if (child.connected) child.disconnect();
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`Embedded PostgreSQL exited with ${code}`)));
  });
}
