import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PageRenderer } from '@dargah/contracts';
import { createServer, type ViteDevServer } from 'vite';
import { buildTestApp, type TestApp } from './app';

/*
 * What the tests of the server-rendered pages share (ADR 0018): the app with the web app's server
 * entry loaded from source by Vite (no build needed), and a browser's cookie jar.
 */

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');

/** The test app rendering the public pages from the web app's source; `close` stops both. */
export async function startPagesApp(): Promise<{ t: TestApp; close: () => Promise<void> }> {
  const vite: ViteDevServer = await createServer({
    root: WEB,
    configFile: path.join(WEB, 'vite.config.ts'),
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, watch: null },
  });
  const renderer = (await vite.ssrLoadModule('/src/app/server.tsx')) as PageRenderer;
  const t = await buildTestApp({}, undefined, false, renderer);
  return {
    t,
    close: async () => {
      await t.close();
      await vite.close();
    },
  };
}

type Res = Awaited<ReturnType<TestApp['app']['inject']>>;
/** The cookies an answer set, added to `jar`. */
export const cookieJar = (res: Res, jar: Record<string, string> = {}) => {
  for (const c of [res.headers['set-cookie'] ?? []].flat()) {
    const [pair] = c.split(';');
    const [name, ...value] = pair!.split('=');
    jar[name!] = value.join('=');
  }
  return jar;
};
export const cookieHeader = (jar: Record<string, string>) =>
  Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
/** The value of a hidden field of a rendered form. */
export const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
