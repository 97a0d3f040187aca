import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from './platform/context';
import type { Access } from './platform/http/access';
import { clientErrorHandler, frameworkErrors } from './platform/http/client-errors';
import { devRoutes } from './platform/http/dev';
import { paymentSimulatorRoutes } from './platform/integrations/payment-gateway-page';
import type { PaymentGatewaySimulator } from './platform/integrations/payment-gateway';
import { healthRoutes } from './platform/http/health';
import { registerLoadShedding } from './platform/http/load-shedding';
import { closeAddressLimits } from './platform/rate-limit';
import { metricsRoutes } from './platform/http/metrics';
import { loadRenderer, registerPages, type PageRenderer } from './platform/http/pages';
import { genRequestId, httpPlatform } from './platform/http/plugin';
import { loggerOptions } from './platform/log';
import { catalogueOf, moduleHost, type AppModule } from './platform/module';
import { registerRequestTracing } from './platform/telemetry';
import { modules } from './modules';
import { registerAuth, SESSION_COOKIE } from './modules/identity';
import { apiContract } from './platform/http/openapi';

/** The committed parts of the API contract: operation ids, examples, tags, the generated document (ADR 0024). */
export const CONTRACT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../openapi');
const readContractFile = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(CONTRACT_DIR, name), 'utf8')) as T;

const API_DESCRIPTION = [
  'درگاه: سامانه یکپارچه خدمات دولت الکترونیک — Dargah, the e-government platform.',
  '',
  'Errors share one envelope: { error: { code, message, details, requestId } }, message in Persian or English by Accept-Language. Each operation lists the codes it may answer with, by status: the codes of its module and the platform codes that apply to it (input, sign-in, limits, availability). Text containing NUL, other control characters (tab and line breaks aside) or unpaired surrogates is refused with 400 TEXT_NOT_ALLOWED naming the field; bidi embedding, override and isolate controls are removed. JSON types are strict: a string is never converted to a number.',
  '',
  'Versioning: every operation is under /api/v1. Within v1 changes are additive only (new operations, new optional inputs, new response fields); a client must ignore response fields it does not know. Removing an operation or a response field, narrowing a type or adding a required input is a breaking change: it is refused by the project\'s contract check unless apps/api/openapi/CHANGELOG.md announces it. Operation ids never change.',
].join('\n');

/** The built web app (apps/web/dist), served on the same port in production. */
export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface RouteEntry {
  method: string;
  url: string;
  /** Declared on every /api/v1 route; the authorization matrix test fails on one without. */
  access: Access | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: readonly RouteEntry[];
  }
}

export interface BuildOptions {
  /** Pretty, human-readable logs (development). */
  prettyLogs?: boolean;
  /** Serve the web app from this folder when it exists. */
  webDist?: string | false;
  /** The modules to register (default: the composition root's list, modules/index.ts). */
  modules?: readonly AppModule[];
  /**
   * Renders the public pages on the server (ADR 0018). Default: the web app's built server entry
   * (apps/web/dist-ssr/server.js) when it exists; `false` for none (every page is the SPA's).
   */
  pages?: PageRenderer | false;
  /** The document around those pages when not the built index.html (the development shell, `dev-pages.ts`). */
  pagesIndexHtml?: string;
}

/** Builds the Fastify app: platform plugins first, then each module's routes, then the web app. */
export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  // Every module's codes joined with the platform's once, here: a code declared twice stops the build.
  const mods = opts.modules ?? modules;
  const errors = catalogueOf(mods);
  const app = Fastify({
    logger: loggerOptions(ctx.config.LOG_LEVEL, opts.prettyLogs ?? false),
    genReqId: genRequestId,
    requestIdHeader: false,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: ctx.config.BODY_LIMIT_BYTES,
    trustProxy: ctx.config.TRUST_PROXY,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    // Refusals before routing (431 headers too large, a URL that is not UTF-8, an overlong path
    // parameter) answer in the error envelope too.
    clientErrorHandler,
    frameworkErrors,
  });
  // A span per request when tracing is on (ADR 0025): first, so everything after runs inside it.
  registerRequestTracing(app);
  // Every route, as registered: the authorization matrix test walks this list.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (r) => {
    const access = (r.config)?.access;
    for (const method of [r.method].flat()) if (method !== 'HEAD') routeTable.push({ method, url: r.url, access });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Every answer over 1 KB that a client accepts compressed is compressed: JSON, HTML, CSV (Brotli
  // at quality 4, else gzip). Built assets carry precompressed copies instead (serveWeb); an answer
  // that already has a Content-Encoding is left alone (ADR 0016).
  // Answers only: request bodies are read as sent, as before (no gzip bombs to inflate at the edge).
  app.addHook('onRoute', (r) => {
    r.decompress ??= false;
  });
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'], threshold: 1024 });

  const contract = apiContract({
    catalogue: errors,
    operationIds: readContractFile('operation-ids.json'),
    examples: readContractFile('examples.json'),
    tags: readContractFile('tags.json'),
    session: { cookie: SESSION_COOKIE, csrfHeader: 'X-CSRF-Token', csrfRefusal: 'CSRF_TOKEN_INVALID' },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Dargah API',
        description: API_DESCRIPTION,
        version: '1',
        license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
        contact: { name: 'Dargah maintainers' },
      },
      components: contract.components,
      servers: [{ url: '/', description: 'This deployment (the API is served on the same origin as the web app, under /api/v1)' }],
    },
    transform: contract.transform as never,
    transformObject: contract.transformObject as never,
  });
  await app.register(httpPlatform, { production: ctx.config.NODE_ENV === 'production', errors });
  await registerLoadShedding(app, ctx.config.LOAD_SHED_EVENT_LOOP_DELAY_MS);
  // The replica's pool closes with the app (the primary is the caller's: tests share it).
  app.addHook('onClose', () => ctx.reads.close());
  app.addHook('onClose', () => closeAddressLimits(ctx));
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { url: '/api/openapi.json' } });

  await registerAuth(app, ctx);
  await healthRoutes(app, ctx);
  await metricsRoutes(app, ctx);
  await devRoutes(app, ctx);
  // The simulated payment gateway's page, only while the simulator is the gateway (ADR 0037).
  if (ctx.payments.mode === 'simulator') await paymentSimulatorRoutes(app, ctx.payments as PaymentGatewaySimulator);
  const host = moduleHost(mods, ctx);
  for (const m of mods) {
    await app.register(
      async (scope) => {
        // Which module a route is (its OpenAPI tag and error codes, ADR 0024).
        scope.addHook('onRoute', (r) => {
          r.config = { ...r.config, module: m.name };
        });
        await m.register(scope, ctx, host);
      },
      { prefix: '/api/v1' },
    );
  }

  const dist = opts.webDist ?? WEB_DIST;
  const indexHtml = dist && fs.existsSync(path.join(dist, 'index.html')) ? fs.readFileSync(path.join(dist, 'index.html'), 'utf8') : undefined;
  const renderer = opts.pages === undefined ? await loadRenderer() : opts.pages || undefined;
  const production = ctx.config.NODE_ENV === 'production';
  const pageFor = renderer ? await registerPages(app, { renderer, indexHtml: opts.pagesIndexHtml ?? indexHtml, production }) : undefined;
  if (dist && indexHtml !== undefined) await serveWeb(app, dist, pageFor);
  else if (pageFor) {
    // No web build (tests): the server-rendered pages alone.
    const onlyPages = async (req: FastifyRequest, reply: FastifyReply) => ((await pageFor(req, reply)) ? reply : reply.callNotFound());
    app.get('/', onlyPages);
    app.get('/*', onlyPages);
  }
  return app;
}

type PageFor = (req: FastifyRequest, reply: FastifyReply) => Promise<boolean>;

/** Files of the build that are never served: source maps (our source) and the compressed copies by their own names. */
const UNSERVED = /\.(map|br|gz)$/i;

/**
 * Static files with long caching for hashed assets, each answered from its precompressed Brotli or
 * gzip copy when the request accepts one (`Content-Encoding` and `Vary: Accept-Encoding` set by
 * @fastify/static); every other GET that wants HTML gets its server-rendered page (ADR 0018) or the SPA (ADR 0016).
 */
async function serveWeb(app: FastifyInstance, dist: string, pageFor: PageFor | undefined): Promise<void> {
  await app.register(fastifyStatic, {
    root: dist,
    wildcard: false,
    index: false,
    preCompressed: true,
    globIgnore: ['**/*.map', '**/*.br', '**/*.gz'],
    // @fastify/static 10 hands over the Fastify reply here, not Node's response.
    setHeaders(reply: { header(k: string, v: string): unknown }, file: string) {
      reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const indexHtml = fs.readFileSync(path.join(dist, 'index.html'));
  // A public page rendered on the server when it is one (ADR 0018), else the single-page app.
  const spa = async (req: FastifyRequest, reply: FastifyReply) => {
    if (pageFor && (await pageFor(req, reply))) return reply;
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  };
  app.get('/', spa);
  app.get('/*', (req, reply) => {
    const p = req.url.split('?')[0] ?? '/';
    if (p.startsWith('/api/') || p === '/api') return reply.callNotFound();
    if (UNSERVED.test(p)) return reply.callNotFound();
    const file = path.join(dist, path.normalize(p));
    if (file.startsWith(dist + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.sendFile(path.relative(dist, file));
    }
    if (/\.[a-z0-9]{1,6}$/i.test(p)) return reply.callNotFound();
    return spa(req, reply);
  });
}
