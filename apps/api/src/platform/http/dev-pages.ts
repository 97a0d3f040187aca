import fs from 'node:fs';
import path from 'node:path';
import type { PageRenderer } from '@dargah/contracts';
import { WEB_SSR } from './pages';

/*
 * The server-rendered pages in development (`npm run dev`, ADR 0018): the web app's server entry
 * loaded from its source through Vite, as the tests do, so an edit to a page shows at the next
 * reload with no build. Never in production (the configuration refuses WEB_DEV_PAGES there). The
 * Vite development server forwards these pages and their form posts here (apps/web/vite.config.ts)
 * and serves the stylesheet this document links.
 */

const WEB = path.resolve(path.dirname(WEB_SSR), '..');
const ENTRY = '/src/app/server.tsx';
/** The styles of the pages, served by the Vite development server as CSS (it answers a stylesheet link so). */
const DEV_STYLES = '<link rel="stylesheet" href="/src/app/pages.dev.css" />';

export interface DevPages {
  renderer: PageRenderer;
  /** The web app's index.html with the development stylesheet (the shell takes its scripts out). */
  indexHtml: string;
  close(): Promise<void>;
}

export async function loadDevPages(): Promise<DevPages> {
  // Vite is a development dependency of the web app: imported only here, only in development.
  const { createServer } = await import('vite');
  const vite = await createServer({
    root: WEB,
    configFile: path.join(WEB, 'vite.config.ts'),
    logLevel: 'warn',
    appType: 'custom',
    // Its own cache: the web app's development server runs beside it.
    cacheDir: path.join(WEB, 'node_modules/.vite-api'),
    server: { middlewareMode: true, hmr: false },
  });
  let fetchProvider: (() => typeof globalThis.fetch) | undefined;
  let entry: PageRenderer | undefined;
  /** The entry as the source is now: Vite gives the same module until a file it imports changes. */
  const current = async (): Promise<PageRenderer> => {
    const loaded = (await vite.ssrLoadModule(ENTRY)) as PageRenderer;
    if (loaded !== entry) {
      entry = loaded;
      if (fetchProvider) loaded.setServerFetch(fetchProvider);
    }
    return loaded;
  };
  await current();
  // Also when a file changes, so that `isServerPage` (synchronous) knows a route added since.
  vite.watcher.on('change', () => void current().catch(() => undefined));
  const renderer: PageRenderer = {
    setServerFetch(provider) {
      fetchProvider = provider;
      entry?.setServerFetch(provider);
    },
    isServerPage: (url) => entry!.isServerPage(url),
    renderPage: async (request) => (await current()).renderPage(request),
  };
  const indexHtml = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8').replace('</head>', `  ${DEV_STYLES}\n  </head>`);
  return { renderer, indexHtml, close: () => vite.close() };
}
