import { Client } from 'pg';
import { EmbeddedPostgres } from '@splitwork/database';
(async () => {
  const e = new EmbeddedPostgres({ dataDir: process.argv[2] });
  const t0 = Date.now();
  const url = await e.start();
  console.log('url', url, Date.now() - t0);
  const c = new Client({ connectionString: url });
  await c.connect();
  console.log((await c.query('select 1 as x')).rows);
  await c.end();
  if (process.argv[3] === 'hold') { console.log('holding'); await new Promise((r) => setTimeout(r, 60000)); }
  await e.stop();
})().catch((e) => { console.error('ERR', e.message); process.exit(1); });
