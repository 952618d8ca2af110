import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { bufferedStdout } from '../log-destination';

const ROOT = join(__dirname, '..', '..', '..', '..');

describe('bufferedStdout', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'log-destination-'));
  });
  // The descriptors stay open: the destination may still flush (every second, and at exit).
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('holds short lines until flushed, then writes every line whole and in order', async () => {
    const file = join(dir, 'out.log');
    const fd = openSync(file, 'w');
    const destination = bufferedStdout(fd);
    const logger = pino({ base: undefined, timestamp: false }, destination);
    logger.info({ n: 1 }, 'first');
    logger.info({ n: 2, name: 'Zoë 名前 🚀' }, 'second');
    expect(readFileSync(file, 'utf8')).toBe('');
    await new Promise<void>((resolve, reject) =>
      destination.flush((error) => (error ? reject(error) : resolve())),
    );
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { level: 30, n: 1, msg: 'first' },
      { level: 30, n: 2, name: 'Zoë 名前 🚀', msg: 'second' },
    ]);
  });

  it('writes by itself once 16 KB of lines are pending, multi-byte text counted in bytes', async () => {
    const file = join(dir, 'out.log');
    const fd = openSync(file, 'w');
    const logger = pino({ base: undefined, timestamp: false }, bufferedStdout(fd));
    // 5,000 characters, 15,000 bytes in UTF-8: the second line passes 16 KB only in bytes.
    const text = '名'.repeat(5000);
    logger.info({ text }, 'one');
    await new Promise((r) => setTimeout(r, 50));
    expect(readFileSync(file, 'utf8')).toBe('');
    logger.info({ text }, 'two');
    for (let i = 0; i < 100 && readFileSync(file, 'utf8').split('\n').length < 3; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const written = readFileSync(file, 'utf8').trim().split('\n');
    expect(written.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['one', 'two']);
  });

  it('keeps order across slabs and writes a line longer than a slab whole', async () => {
    const file = join(dir, 'out.log');
    const destination = bufferedStdout(openSync(file, 'w'));
    const logger = pino({ base: undefined, timestamp: false }, destination);
    const sizes = [10, 30_000, 5, 70_000, 20_000, 40_000, 1];
    sizes.forEach((size, n) => logger.info({ n, text: 'é'.repeat(size) }, 'line'));
    await new Promise<void>((resolve, reject) =>
      destination.flush((error) => (error ? reject(error) : resolve())),
    );
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { n: number; text: string });
    expect(lines.map((l) => [l.n, l.text.length])).toEqual(sizes.map((size, n) => [n, size]));
  });

  it('writes the pending lines when the process exits', () => {
    const script = `
      const { pino } = require('pino');
      const { bufferedStdout } = require('./libs/runtime/src/log-destination');
      const logger = pino({ base: undefined, timestamp: false }, bufferedStdout());
      logger.info('first');
      logger.info('last');
    `;
    const output = execFileSync(
      process.execPath,
      ['-r', join(ROOT, 'libs/test-support/src/register-ts.js'), '-e', script],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(
      output
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { msg: string }).msg),
    ).toEqual(['first', 'last']);
  });
});
