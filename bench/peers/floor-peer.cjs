// The floor: bare graphql-js on node:http with hand-written prepared
// statements (the feed in two, `me` in one), HS256 token checked with a key
// object. What any GraphQL server must at least spend on these requests.
// Usage: node bench/peers/floor-peer.cjs <connectionString> <port> <jwtSecret>
const { createServer } = require('node:http');
const { createSecretKey } = require('node:crypto');
const { Pool } = require('pg');
const jwt = require('jsonwebtoken');
const { buildSchema, execute, parse, validate } = require('graphql');

const [connectionString, port, secret] = process.argv.slice(2);
const pool = new Pool({ connectionString, max: 10 });
const key = createSecretKey(Buffer.from(secret, 'utf8'));

const schema = buildSchema(`
  type User { id: ID! email: String! displayName: String! roles: [String!]! }
  type Owner { id: ID! displayName: String! }
  type Project { id: ID! title: String! platforms: [String!]! }
  type Dependency { id: ID! key: String! title: String! status: String! }
  type Task { id: ID! title: String! priceCents: Int! project: Project! owner: Owner! dependencies: [Dependency!]! }
  type Query { me: User openTasks(first: Int!): [Task!]! }
`);

const ME = {
  name: 'floor_me',
  text: 'SELECT id, email, display_name AS "displayName", roles FROM users WHERE id = $1',
};
const PAGE = {
  name: 'floor_page',
  text: `SELECT t.id, t.title, t.price_cents::int AS "priceCents", t.project_id, t.depends_on,
                p.title AS project_title, p.platforms, p.owner_id, u.display_name
           FROM marketplace_tasks t JOIN projects p ON p.id = t.project_id JOIN users u ON u.id = p.owner_id
          WHERE t.status = 'OPEN' ORDER BY t.created_at, t.id LIMIT $1`,
};
const DEPS = {
  name: 'floor_deps',
  text: `SELECT t.id AS task_id, d.id, d.task_key AS key, d.title, d.status
           FROM marketplace_tasks t JOIN marketplace_tasks d
             ON d.project_id = t.project_id AND d.task_key = ANY(t.depends_on)
          WHERE t.id = ANY($1::uuid[]) ORDER BY d.created_at, d.id`,
};

const rootValue = {
  me: async (_args, ctx) => (await pool.query({ ...ME, values: [ctx.userId] })).rows[0] ?? null,
  openTasks: async ({ first }) => {
    const { rows } = await pool.query({ ...PAGE, values: [first] });
    const deps = await pool.query({ ...DEPS, values: [rows.map((r) => r.id)] });
    const byTask = new Map();
    for (const d of deps.rows) byTask.set(d.task_id, [...(byTask.get(d.task_id) ?? []), d]);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      priceCents: r.priceCents,
      project: { id: r.project_id, title: r.project_title, platforms: r.platforms },
      owner: { id: r.owner_id, displayName: r.display_name },
      dependencies: byTask.get(r.id) ?? [],
    }));
  },
};

const documents = new Map();

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    try {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const claims = jwt.verify(token, key, { algorithms: ['HS256'] });
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      let document = documents.get(body.query);
      if (!document) {
        document = parse(body.query);
        const errors = validate(schema, document);
        if (errors.length) throw errors[0];
        documents.set(body.query, document);
      }
      const result = await execute({
        schema,
        document,
        rootValue,
        contextValue: { userId: claims.sub },
        variableValues: body.variables,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result));
    } catch (error) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: String(error.message ?? error) }] }));
    }
  });
});
server.listen(Number(port), '127.0.0.1', () => process.send?.({ ready: true }));
