// The benchmark's peer: PostGraphile v5 (amber preset) over the same
// database, on its own HTTP port. Bench-only: apps and libs never import it.
// Usage: node bench/peers/postgraphile-peer.cjs <connectionString> <port>
const { createServer } = require('node:http');
const { postgraphile } = require('postgraphile');
const { PostGraphileAmberPreset } = require('postgraphile/presets/amber');
const { makePgService } = require('postgraphile/adaptors/pg');
const { grafserv } = require('postgraphile/grafserv/node');

const [connectionString, port] = process.argv.slice(2);

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString, schemas: ['public'], poolConfig: { max: 10 } })],
  grafserv: { graphqlPath: '/graphql', watch: false },
  grafast: { explain: false },
};

async function main() {
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  serv.addTo(server);
  await serv.ready();
  server.listen(Number(port), '127.0.0.1', () => process.send?.({ ready: true }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
