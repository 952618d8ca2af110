import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

/**
 * The SDKs and data that only some processes use are required where they
 * are first used, so a process that never plans offline, sends no email and
 * has no OpenAI or Stripe key never holds their code (bench/results/memory.txt).
 * Checked in a fresh Node process: jest's own module registry would not show it.
 */
describe('modules loaded by every Splitwork process', () => {
  it('leave out the OpenAI, Stripe and nodemailer SDKs and the wink model until used', () => {
    const script = `
      require('reflect-metadata');
      require(${JSON.stringify(join(ROOT, 'libs/runtime/src/index.ts'))});
      const loaded = Object.keys(require.cache);
      const packages = ['openai', 'stripe', 'nodemailer', 'wink-nlp', 'wink-eng-lite-web-model'];
      process.stdout.write(JSON.stringify({
        modules: loaded.length,
        lazy: packages.filter((p) => loaded.some((f) => f.includes('/node_modules/' + p + '/'))),
      }));
    `;
    const output = execFileSync(
      process.execPath,
      ['-r', join(ROOT, 'libs/test-support/src/register-ts.js'), '-e', script],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test' } },
    );
    const { modules, lazy } = JSON.parse(output) as { modules: number; lazy: string[] };
    expect(modules).toBeGreaterThan(500); // the domain modules were loaded indeed
    expect(lazy).toEqual([]);
  });
});
