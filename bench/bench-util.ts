import { performance } from 'node:perf_hooks';
import { Client } from 'pg';

export interface Timing {
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export function summarize(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    medianMs: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    minMs: round(sorted[0]),
  };
}

/** Times `fn` `runs` times after `warmup` untimed runs. */
export async function time(fn: () => unknown, runs: number, warmup = 3): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function printRow(label: string, timing: Timing, extra = ''): void {
  const cells = [
    label.padEnd(48),
    `median ${String(timing.medianMs).padStart(9)} ms`,
    `p95 ${String(timing.p95Ms).padStart(9)} ms`,
    `n=${timing.runs}`,
  ];
  process.stdout.write(`${cells.join('  ')}${extra ? `  ${extra}` : ''}\n`);
}

/** A new database on the server of `url`, dropped by `drop()` after the run. */
export async function freshDatabase(url: string) {
  const name = `splitwork_bench_${Date.now()}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    name,
    url: target.toString(),
    async drop() {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
