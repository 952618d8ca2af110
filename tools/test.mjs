// `npm test`: the jest projects (unit and integration), then the web app's
// component tests (vitest). Arguments go to jest; WEB_TEST_REPORT=<file>
// also writes vitest's JSON report (CI counts it). Both always run; the
// command fails when either does.
import { spawnSync } from 'node:child_process';

const run = (args) => spawnSync('npx', args, { stdio: 'inherit' }).status ?? 1;

const jest = run(['jest', ...process.argv.slice(2)]);
const vitest = ['vitest', 'run', '--config', 'apps/web/vitest.config.mts'];
if (process.env.WEB_TEST_REPORT) {
  vitest.push(
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${process.env.WEB_TEST_REPORT}`,
  );
}
const web = run(vitest);
process.exit(jest || web);
