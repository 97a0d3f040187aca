// npm run test:pg — the API's test suite against a PostgreSQL server.
// TEST_DATABASE_URL defaults to the local server; each test file gets its own database there.
// The API (apps/api) is the only workspace whose tests open a database: the packages' (persian,
// contracts), the tools' and the web app's tests do not, give the same result on either database and
// run once, in `npm test`. Paths given on the command line replace the default.
import { spawnSync } from 'node:child_process';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const args = process.argv.slice(2);
const paths = args.filter((a) => !a.startsWith('-'));
const res = spawnSync('npx', ['vitest', 'run', ...(paths.length > 0 ? [] : ['apps/api/']), ...args], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url },
});
process.exit(res.status ?? 1);
