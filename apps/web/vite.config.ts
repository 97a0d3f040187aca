import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';

/** Paths served by the Dargah API; in development Vite forwards them to it. */
const API_ORIGIN = 'http://127.0.0.1:3000';
const apiProxy = Object.fromEntries(
  ['/api', '/healthz', '/readyz', '/dev'].map((path) => [path, { target: API_ORIGIN, changeOrigin: false }]),
);

/**
 * `npm run dev`: the pages the API renders (ADR 0018), asked for as documents, and their form posts
 * and language switch, go to the API, which renders them from this source (WEB_DEV_PAGES) and links
 * their stylesheet from here. Anything else at those addresses (a module Vite serves) stays here.
 * The Host header is kept, so the form posts' origin check sees this server's address.
 */
const SERVER_PAGES = '^/(catalogue(/[^?]*)?|me/sign-in|language)?(\\?.*)?$';
const pagesProxy = {
  [SERVER_PAGES]: {
    target: API_ORIGIN,
    changeOrigin: false,
    bypass: (req: { method?: string; url?: string; headers: { accept?: string } }) =>
      req.method === 'POST' || req.headers.accept?.includes('text/html') || req.url?.startsWith('/language')
        ? undefined
        : req.url,
  },
};

/**
 * The libraries every page needs from the first paint (React, the router, the query cache, i18n).
 * Only these go to the long-cached `vendor` chunk: a library that only a lazily loaded page uses
 * stays with that page's chunk instead of being downloaded on every first visit (ADR 0016).
 */
const FIRST_LOAD_LIBRARIES =
  /[\\/]node_modules[\\/](react|react-dom|scheduler|@tanstack[\\/][^\\/]+|i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/;

/**
 * Asks for the Vazirmatn font together with the scripts instead of after them: every text of the
 * page is rendered by the scripts, so the font is there at the first paint of text and never swaps
 * in later, moving lines (ADR 0016).
 */
function preloadFont(): Plugin {
  return {
    name: 'dargah-preload-font',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const font = Object.keys(ctx.bundle ?? {}).find((f) => /Vazirmatn.*\.woff2$/.test(f));
        if (!font) throw new Error('the Vazirmatn font is not in the build');
        return [
          {
            tag: 'link',
            attrs: { rel: 'preload', href: `/${font}`, as: 'font', type: 'font/woff2', crossorigin: '' },
            injectTo: 'head',
          },
        ];
      },
    },
  };
}

/**
 * A second Vazirmatn face, `Vazirmatn Static`, with `font-display: optional`, for the pages the
 * server renders (ADR 0018; `.app--static` in styles.css). Those paint their text before any script,
 * often before the font has arrived on a slow phone: with the package's `swap` the font then
 * replaced the fallback and moved every line (CLS 0.218 on the information package). With
 * `optional` the font is used if it is there within ~100 ms (it is preloaded, and cached after the
 * first visit), else the page keeps the fallback: no shift. The single-page app keeps `swap`: its
 * text waits for its script, by when the preloaded font is there, and its layout is measured with
 * it. Same file, same URL: one download.
 */
function staticFontFace(): Plugin {
  return {
    name: 'dargah-static-font-face',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]vazirmatn[\\/]Vazirmatn-Variable-font-face\.css$/.test(id)) return undefined;
      if (!code.includes('font-display: swap') || !code.includes("font-family: 'Vazirmatn'")) {
        throw new Error(`${id} no longer says font-family: 'Vazirmatn' with font-display: swap`);
      }
      const optional = code
        .replace("font-family: 'Vazirmatn'", "font-family: 'Vazirmatn Static'")
        .replace('font-display: swap', 'font-display: optional');
      return { code: `${code}\n${optional}`, map: null };
    },
  };
}

export default defineConfig(({ isSsrBuild }) => ({
  base: '/',
  plugins: [
    react(),
    staticFontFace(),
    // The server entry (ADR 0018, `vite build --ssr`) has no HTML, and is never served: no preload, no copies.
    ...(isSsrBuild ? [] : [preloadFont()]),
    // Precompressed copies beside each built text asset (ADR 0016): the API serves `x.js.br` or
    // `x.js.gz` for `x.js` by the request's Accept-Encoding, at maximum compression, without
    // compressing anything per request.
    ...(isSsrBuild
      ? []
      : [
          compression({
            algorithms: ['brotliCompress', 'gzip'],
            include: /\.(html|css|js|mjs|json|svg|txt|xml)$/,
            threshold: 1024,
          }),
        ]),
  ],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { ...apiProxy, ...pagesProxy },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    proxy: apiProxy,
  },
  build: isSsrBuild
    ? // The server rendering of the public pages (ADR 0018): `dist-ssr/server.js`, outside the served `dist/`.
      { outDir: 'dist-ssr', emptyOutDir: true, sourcemap: false, target: 'node20', copyPublicDir: false }
    : {
        outDir: 'dist',
        emptyOutDir: true,
        // No source maps in the production build: the server would publish our source with them
        // (ADR 0016). `vite` (development) still has them.
        sourcemap: false,
        // Browsers of citizens' phones: keep to what ES2022 engines run natively.
        target: 'es2022',
        rolldownOptions: {
          output: {
            // Third-party code changes less often than ours: its own chunk stays in browser caches.
            codeSplitting: {
              groups: [
                { name: 'vendor', test: FIRST_LOAD_LIBRARIES },
                // zod and the module that makes it jitless, in one chunk: whichever chunk builds the
                // first schema imports this one, which has run `z.config({ jitless: true })` by then.
                { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]|[\\/]src[\\/]lib[\\/]zod-jitless\.ts$/ },
              ],
            },
          },
        },
      },
}));
