// Lets a child process that a test spawns run the TypeScript sources directly
// (`node -r libs/test-support/src/register-ts.js apps/api/src/main.ts`): SWC
// compiles each .ts file as jest does, and the @splitwork/* aliases resolve
// to the sources.
//
// The integration suite starts dozens of such processes, each loading the
// same few hundred files: the compiled output is kept on disk under a hash of
// the file's path and source and the SWC version and options (so an edit or an
// SWC upgrade compiles again), and Node keeps its own code cache next to it.
const crypto = require('node:crypto');
const fs = require('node:fs');
const module_ = require('node:module');
const path = require('node:path');
const { transformSync, version: swcVersion } = require('@swc/core');
const { register } = require('tsconfig-paths');

const root = path.join(__dirname, '..', '..', '..');
const { compilerOptions } = JSON.parse(
  fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'),
);
register({ baseUrl: root, paths: compilerOptions.paths });

const SWC_OPTIONS = require(path.join(root, 'tools', 'swc-options.js'));

// Beside the installed packages, as other tools keep their caches: private to this checkout.
const CACHE_DIR = path.join(root, 'node_modules', '.cache', 'splitwork-register-ts');
module_.enableCompileCache?.(path.join(CACHE_DIR, 'v8'));

function compile(source, filename) {
  const key = crypto
    .createHash('sha256')
    .update(`${swcVersion}\0${JSON.stringify(SWC_OPTIONS)}\0${filename}\0`)
    .update(source)
    .digest('hex');
  const cached = path.join(CACHE_DIR, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // Not compiled yet.
  }
  const { code } = transformSync(source, { filename, ...SWC_OPTIONS });
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true, mode: 0o700 });
    // Written aside, then renamed: a process starting at the same time reads the whole file or none.
    const partial = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, cached);
  } catch {
    // A cache that cannot be written only costs the next process a compile.
  }
  return code;
}

require.extensions['.ts'] = (module, filename) => {
  module._compile(compile(fs.readFileSync(filename, 'utf8'), filename), filename);
};
