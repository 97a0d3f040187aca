import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT } from './paths';
import { assertServesWebApp, startServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the app under test answers, e.g. `http://127.0.0.1:41234`. */
    baseURL: string;
    /** `true` when the server is the real Dargah server, so `/readyz` must report ready. */
    realServer: boolean;
    /** Operations token of the server the harness started (E2E_ADMIN_API_TOKEN for an external one). */
    adminApiToken: string;
  }
}

/**
 * Once per run: build the web app and start the Dargah server (which serves apps/web/dist), unless
 * E2E_BASE_URL names a server that is already running.
 *
 * - E2E_BASE_URL: test that server; nothing is built or started.
 * - E2E_REAL_SERVER=1: with E2E_BASE_URL, still require `/readyz` to report ready.
 * - E2E_SKIP_BUILD=1: use apps/web/dist as it is.
 * - E2E_DATABASE_URL: run the server on this PostgreSQL database instead of embedded PGlite.
 * - E2E_ADMIN_API_TOKEN: the operations token (generated for a server started here).
 * - CHROMIUM_PATH: the browser binary (default /usr/bin/chromium).
 */
export default async function setup(project: TestProject) {
  const external = process.env.E2E_BASE_URL;
  if (external) {
    const baseURL = external.replace(/\/$/, '');
    await assertServesWebApp(baseURL);
    project.provide('baseURL', baseURL);
    project.provide('realServer', process.env.E2E_REAL_SERVER === '1');
    project.provide('adminApiToken', process.env.E2E_ADMIN_API_TOKEN ?? '');
    return;
  }

  if (process.env.E2E_SKIP_BUILD !== '1') {
    const build = spawnSync('npm', ['run', 'build', '-w', '@dargah/web'], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (build.status !== 0) {
      throw new Error(`Building the web app failed:\n${build.stdout}\n${build.stderr}`);
    }
  }

  const server = await startServer();
  try {
    await assertServesWebApp(server.baseURL);
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide('baseURL', server.baseURL);
  project.provide('realServer', true);
  project.provide('adminApiToken', server.adminApiToken);
  return async () => {
    await server.stop();
  };
}
