import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute, serverPage, staffAreaRoute } from '../../app/areas';

/*
 * The public verification is rendered and answered on the server (ADR 0018): `/v` (forms) and
 * `/v/<code>` (the QR code's address; `?d=` the document id, not needed). Its upload's server side
 * is loaded only where it runs. The staff pages are the single-page app's.
 */
const verifyAction = () => import('./verifyAction');
const codeSearch = (search: Record<string, unknown>): { code?: string } =>
  typeof search.code === 'string' && search.code !== '' ? { code: search.code.slice(0, 64) } : {};
const qrSearch = (search: Record<string, unknown>): { d?: string } =>
  typeof search.d === 'string' && /^[0-9a-f-]{36}$/i.test(search.d) ? { d: search.d } : {};
const verifyPage = lazyRouteComponent(() => import('./routes/VerifyPage'), 'VerifyPage');

const verifyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/v',
  validateSearch: codeSearch,
  component: verifyPage,
  ...serverPage({
    action: async (form, search, files) => (await verifyAction()).verifyUploadAction(form, search, files),
  }),
});
const verifyCodeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/v/$code',
  validateSearch: qrSearch,
  component: verifyPage,
  ...serverPage(),
});

const toSignRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'documents',
  component: lazyRouteComponent(() => import('./routes/ToSignPage'), 'ToSignPage'),
});
const keysRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'documents/keys',
  component: lazyRouteComponent(() => import('./routes/SigningKeysPage'), 'SigningKeysPage'),
});
const documentRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'documents/$documentId',
  component: lazyRouteComponent(() => import('./routes/DocumentPage'), 'DocumentPage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const documentRoutes = {
  root: [verifyRoute, verifyCodeRoute],
  staffArea: [toSignRoute, keysRoute, documentRoute],
} as const;
