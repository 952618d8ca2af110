// Lets the compiled code under dist/ resolve the @splitwork/* aliases of
// tsconfig.base.json (each points at a lib's src/index.ts, compiled to .js).
const path = require('node:path');
const tsConfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.base.json');

const paths = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, targets]) => [
    alias,
    targets.map((t) => t.replace(/\.ts$/, '')),
  ]),
);

tsConfigPaths.register({ baseUrl: path.join(__dirname, '..', 'dist'), paths });
