import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'tsconfig.base.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('tsconfig.base.json not found above the tests');
    dir = parent;
  }
  return dir;
}

/**
 * Runs a script in a fresh, plain Node process that can `require` the
 * TypeScript sources (compiled on the fly by SWC, path aliases resolved) and
 * returns what it passes to `report(value)`. Timing tests use it because
 * jest runs tests inside a vm context, which on some machines is many times
 * slower than Node itself and says nothing about production speed.
 */
export function runInPlainNode<T>(script: string): T {
  const root = repositoryRoot();
  const bootstrap = `
    const path = require('node:path');
    const fs = require('node:fs');
    const Module = require('node:module');
    const root = ${JSON.stringify(root)};
    const { transformSync } = require(require.resolve('@swc/core', { paths: [root] }));
    const aliases = require(path.join(root, 'tsconfig.base.json')).compilerOptions.paths;
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
      const target = aliases[request];
      return resolve.call(this, target ? path.join(root, target[0]) : request, ...rest);
    };
    require.extensions['.ts'] = (module, filename) => {
      const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
        filename,
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      module._compile(code, filename);
    };
    const report = (value) => process.stdout.write(JSON.stringify(value));
    ${script}
  `;
  const output = execFileSync(process.execPath, ['-e', bootstrap], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(output) as T;
}
