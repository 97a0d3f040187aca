// npm run dev — the API (restarting on change) and the Vite dev server, which proxies /api to it,
// and the public pages, which the API renders from the web app's source (WEB_DEV_PAGES, ADR 0018).
import { spawn } from 'node:child_process';

const children = [
  spawn('npm', ['run', 'dev', '-w', '@dargah/api'], {
    stdio: 'inherit',
    env: { ...process.env, WEB_DEV_PAGES: process.env.WEB_DEV_PAGES ?? 'true' },
  }),
  spawn('npm', ['run', 'dev', '-w', '@dargah/web'], { stdio: 'inherit' }),
];
const stop = (code = 0) => {
  for (const c of children) c.kill('SIGTERM');
  process.exit(code);
};
for (const c of children) c.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
