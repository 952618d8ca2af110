// Lets a child process that a test spawns run the TypeScript sources directly
// (`node -r libs/test-support/src/register-ts.js apps/api/src/main.ts`): SWC
// compiles each .ts file as jest does, and the @splitwork/* aliases resolve
// to the sources.
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');
const { register } = require('tsconfig-paths');

const root = path.join(__dirname, '..', '..', '..');
const { compilerOptions } = JSON.parse(
  fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'),
);
register({ baseUrl: root, paths: compilerOptions.paths });

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
