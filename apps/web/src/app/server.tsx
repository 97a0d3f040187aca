import './i18n';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, createMemoryHistory } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { directionOf, i18n, isLang, type Lang } from '../lib/i18n';
import { StaticPageProvider, type StaticPage } from '../lib/staticPage';
import type { PageAnswer, PageRequest } from '../lib/contracts';
import { createAppRouter } from './router';

/*
 * The server rendering of the public pages (ADR 0018), built by `vite build --ssr` into
 * `apps/web/dist-ssr/server.js` and called by the API for every GET that wants HTML. The pages are
 * the app's own routes and components (those declared with `serverPage()`), rendered to a complete
 * document that loads no script: their links and GET forms work as HTML, their POST forms are
 * answered by the route's `action` here, on the server.
 */

export { setServerFetch } from '../lib/api';

/** Renders passes until no query is left waiting for its data (a page shows what it fetched). */
const MAX_PASSES = 5;

/** Whether `url` is one of the server-rendered pages (without rendering it). */
export function isServerPage(url: string): boolean {
  const router = createAppRouter(new QueryClient(), createMemoryHistory({ initialEntries: [url] }));
  const matches = router.matchRoutes(router.latestLocation);
  return matches.at(-1)?.staticData.serverRendered === true;
}

export async function renderPage(request: PageRequest): Promise<PageAnswer> {
  const lang = isLang(request.lang) ? request.lang : 'fa';
  const queryClient = new QueryClient({
    // Nothing is fetched again while rendering: a failed query shows its failure (not a spinner).
    defaultOptions: {
      queries: { retry: false, retryOnMount: false, refetchOnMount: false, staleTime: Infinity, gcTime: Infinity },
    },
  });
  const router = createAppRouter(queryClient, createMemoryHistory({ initialEntries: [request.url] }));
  const leaf = router.matchRoutes(router.latestLocation).at(-1);
  if (leaf?.staticData.serverRendered !== true) return { kind: 'none' };

  const page: StaticPage = {
    url: request.url,
    csrfToken: request.csrfToken,
    ...(request.refusal ? { refusal: request.refusal } : {}),
  };
  if (request.method === 'POST') {
    const action = leaf.staticData.action;
    if (!action) return { kind: 'none' };
    switchLanguage(lang);
    const result = await action(request.form ?? {}, leaf.search as Record<string, unknown>, request.files ?? {});
    if ('redirect' in result) return { kind: 'redirect', location: result.redirect };
    page.formState = result.state;
    if (result.status) page.status = result.status;
  } else if (leaf.staticData.redirect) {
    switchLanguage(lang);
    const location = await leaf.staticData.redirect(leaf.search as Record<string, unknown>);
    if (location) return { kind: 'redirect', location };
  }

  await router.load();
  let body: string;
  for (let pass = 1; ; pass++) {
    // Rendering is synchronous: the language set here is the one of every string of this pass,
    // whatever other requests do between passes.
    switchLanguage(lang);
    body = renderToString(
      <StrictMode>
        <StaticPageProvider value={page}>
          <QueryClientProvider client={queryClient}>
            <RouterProvider router={router} />
          </QueryClientProvider>
        </StaticPageProvider>
      </StrictMode>,
    );
    const waiting = queryClient
      .getQueryCache()
      .getAll()
      .filter((query) => query.state.status === 'pending' && query.state.fetchStatus === 'idle');
    if (waiting.length === 0 || pass === MAX_PASSES) break;
    await Promise.all(waiting.map((query) => query.fetch().catch(() => undefined)));
  }

  // React marks a part that failed to render with `<!--$!-->` and leaves it to a client that will
  // never come: a failure of the page, not a page.
  if (body.includes('<!--$!-->')) throw new Error(`rendering ${request.url} failed`);
  return {
    kind: 'page',
    status: page.status ?? (router.state.matches.some((m) => m.status === 'notFound') ? 404 : 200),
    title: page.title ?? i18n.t('app.name', { lng: lang }),
    lang,
    dir: directionOf(lang),
    body,
  };
}

/**
 * Switches the shared i18next instance, synchronously (every catalogue is in memory), so that the
 * synchronous work that follows speaks `lang`; a later await may let another request switch it.
 */
function switchLanguage(lang: Lang): void {
  void i18n.changeLanguage(lang);
  if (i18n.language !== lang) throw new Error(`i18next did not switch to ${lang} synchronously`);
}
