// A fresh in-memory embedded PostgreSQL in its own process. PGlite cannot
// start inside a jest worker (its dynamic imports need
// --experimental-vm-modules), so a test that needs a database of its own forks
// this file. It compiles the TypeScript sources with the same SWC settings as
// jest, starts EmbeddedPostgres, sends the connection URL to the parent, and
// stops when the parent disconnects.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

const { EmbeddedPostgres } = require(join(__dirname, '..', 'embedded-postgres.ts'));

const embedded = new EmbeddedPostgres({ dataDir: 'memory://', maxConnections: 10 });
embedded.start().then(
  (url) => process.send({ url }),
  (error) => {
    process.send({ error: String(error?.stack ?? error) });
    process.exit(1);
  },
);
process.on('disconnect', () => {
  void embedded.stop().finally(() => process.exit(0));
});
