import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PageFile, PageRenderer } from '@dargah/contracts';
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from './i18n';

export type { PageRenderer };

/*
 * The public pages rendered on the server (ADR 0018): home, the catalogue, a service's information
 * package, an agency's services and the citizen sign-in are complete HTML documents that load no
 * script. The web app's own routes and components render them (apps/web/src/app/server.tsx, built
 * into apps/web/dist-ssr/server.js); their data comes from this API in the same process
 * (`app.inject` carrying the visitor's cookie, address and language), so every rule of the JSON API
 * (rate limits, the Shahkar check, OTP attempts, the session cookie) applies unchanged.
 */

/** The built server entry beside the built web app. */
export const WEB_SSR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../../web/dist-ssr/server.js');

/** Loads the built server entry, or undefined when the web app was not built with it. */
export async function loadRenderer(file = WEB_SSR): Promise<PageRenderer | undefined> {
  if (!fs.existsSync(file)) return undefined;
  return (await import(pathToFileURL(file).href)) as PageRenderer;
}

/** The cookie of the reader's language, shared with the single-page app (apps/web/src/lib/i18n). */
export const LANG_COOKIE = 'dargah_lang';
/** The pages' form token cookie (double submit, ADR 0018); `__Host-` in production pins it to this host. */
const formCookie = (production: boolean) => (production ? '__Host-dargah_form' : 'dargah_form');
/** The pages that take form posts. */
const FORM_PAGES = ['/me/sign-in', '/track'];
/** A form post's body: a few short fields. */
const FORM_BODY_LIMIT = 8 * 1024;
/**
 * The pages whose forms also upload one file (multipart): the public verification takes a PDF of
 * at most 10 MB (the API's own limit, POST /documents/verify), besides a few short fields.
 */
const UPLOAD_PAGES = ['/v'];
const UPLOAD_FILE_LIMIT = 10 * 1024 * 1024;
/** Room for the multipart framing and the short fields around the file. */
const UPLOAD_SLACK = 16 * 1024;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Used when there is no built index.html (tests): the same head the build has, without its assets. */
const BARE_TEMPLATE =
  '<!doctype html><html lang="fa" dir="rtl"><head><meta charset="UTF-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>درگاه</title></head><body><div id="root"></div></body></html>';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The document around a server-rendered page: the build's index.html without its scripts (no
 * module script, no module preloads, no "needs JavaScript" notice), keeping the stylesheet, the
 * font preload and the meta tags; `lang`, `dir` and the title set per page.
 */
export function pageShell(indexHtml: string | undefined): (page: { lang: Lang; dir: string; title: string; body: string }) => string {
  const html = (indexHtml ?? BARE_TEMPLATE)
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>\s*/gi, '')
    .replace(/<link\b[^>]*rel="modulepreload"[^>]*>\s*/gi, '')
    .replace(/<noscript>[\s\S]*?<\/noscript>\s*/gi, '');
  const [head, tail] = html.split('<div id="root"></div>');
  if (tail === undefined || !/<html lang="fa" dir="rtl">/.test(head!) || !/<title>[^<]*<\/title>/.test(head!)) {
    throw new Error('index.html has no <html lang="fa" dir="rtl">, <title> or <div id="root"></div>');
  }
  return (page) =>
    head!
      .replace('<html lang="fa" dir="rtl">', `<html lang="${page.lang}" dir="${page.dir}">`)
      .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(page.title)}</title>`) +
    `<div id="root">${page.body}</div>` +
    tail;
}

/** A path of this site (`/me?x`), never another origin (`//evil`, `/\evil`, `https:`), nor control characters. */
export function localPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2000 || !value.startsWith('/')) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/^\/[/\\]|[\u0000-\u001f\u007f]/.test(value)) return undefined;
  const url = new URL(value, 'http://dargah.invalid');
  return url.origin === 'http://dargah.invalid' ? value : undefined;
}

function cookieOf(req: FastifyRequest, name: string): string | undefined {
  const cookies = (req as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies;
  return cookies?.[name];
}

/** The reader's language: the cookie both the pages and the single-page app set; Persian without one. */
function pageLanguage(req: FastifyRequest): Lang {
  const chosen = cookieOf(req, LANG_COOKIE);
  return chosen === 'en' || chosen === 'fa' ? chosen : 'fa';
}

/** Whether the browser says a post comes from this site (or says nothing): `Sec-Fetch-Site`, `Origin`. */
function fromThisSite(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = req.headers.origin;
  return origin === undefined || origin === `${req.protocol}://${req.host}`;
}

/** Whether a form post comes from a page of this site: the browser's own word first, then the token. */
function formAllowed(req: FastifyRequest, production: boolean, posted: unknown): boolean {
  if (!fromThisSite(req)) return false;
  const cookie = cookieOf(req, formCookie(production));
  if (typeof posted !== 'string' || !cookie || !TOKEN.test(cookie) || posted.length !== cookie.length) return false;
  return timingSafeEqual(Buffer.from(posted), Buffer.from(cookie));
}

export interface PagesOptions {
  renderer: PageRenderer;
  /** The built index.html (its stylesheet and font preload); a bare head without a build. */
  indexHtml?: string | undefined;
  production: boolean;
}

/** Registers the server-rendered pages: `pageFor(req, reply)` answers a GET, the form pages' POST, `/language`. */
export async function registerPages(app: FastifyInstance, opts: PagesOptions) {
  const { renderer, production } = opts;
  const shell = pageShell(opts.indexHtml);
  // Each rendering's API calls go to this process, as the visitor: see `visitorFetch`.
  const current = new AsyncLocalStorage<typeof globalThis.fetch>();
  renderer.setServerFetch(() => {
    const fetch = current.getStore();
    if (!fetch) throw new Error('an API call outside a page rendering');
    return fetch;
  });

  /** The API as this visitor: their cookie, address, browser and language; cookies it sets go back to them. */
  const visitorFetch = (req: FastifyRequest, lang: Lang, setCookies: string[]): typeof globalThis.fetch =>
    async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!url.startsWith('/') || url.startsWith('//')) throw new Error(`the server rendering called ${url}`);
      const headers: Record<string, string> = {};
      new Headers(init?.headers).forEach((value, key) => (headers[key] = value));
      headers['accept-language'] = lang;
      headers['accept-encoding'] = 'identity';
      for (const name of ['cookie', 'user-agent', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host'] as const) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const body = init?.body;
      const payload =
        typeof body === 'string' ? body
        : body instanceof Uint8Array ? Buffer.from(body)
        : body instanceof Blob ? Buffer.from(await body.arrayBuffer())
        : undefined;
      const res = await app.inject({
        method: (init?.method ?? 'GET') as 'GET',
        url,
        headers,
        ...(payload !== undefined ? { payload } : {}),
        ...(req.socket.remoteAddress ? { remoteAddress: req.socket.remoteAddress } : {}),
      });
      const cookies = res.headers['set-cookie'];
      if (cookies) setCookies.push(...[cookies].flat());
      const empty = res.statusCode === 204 || res.statusCode === 205 || res.statusCode === 304;
      const type = res.headers['content-type'];
      return new Response(empty ? null : new Uint8Array(res.rawPayload), {
        status: res.statusCode,
        headers: typeof type === 'string' ? { 'content-type': type } : {},
      });
    };

  /** The form token of this browser, made and set on its first page. */
  const formToken = (req: FastifyRequest, reply: FastifyReply): string => {
    const name = formCookie(production);
    const existing = cookieOf(req, name);
    if (existing && TOKEN.test(existing)) return existing;
    const token = randomBytes(32).toString('base64url');
    reply.setCookie(name, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: production });
    return token;
  };

  const answer = async (
    req: FastifyRequest,
    reply: FastifyReply,
    request: {
      method: 'GET' | 'POST';
      form?: Record<string, string>;
      files?: Record<string, PageFile>;
      refusal?: { code: string; message: string };
    },
  ): Promise<boolean> => {
    const lang = pageLanguage(req);
    const setCookies: string[] = [];
    const csrfToken = formToken(req, reply);
    const result = await current.run(visitorFetch(req, lang, setCookies), () =>
      renderer.renderPage({ ...request, url: req.url, lang, csrfToken }),
    );
    if (result.kind === 'none') return false;
    for (const cookie of setCookies) reply.header('set-cookie', cookie);
    reply.header('cache-control', 'private, no-cache').header('vary', 'Cookie');
    // Under the platform's `no-referrer` a browser posts this page's forms with `Origin: null`, which the
    // form check refuses; `same-origin` sends the real origin to this site and still nothing to others.
    reply.header('referrer-policy', 'same-origin');
    if (result.kind === 'redirect') {
      // The page gave a path of its own (safeReturnTo); checked again here: never another origin.
      reply.redirect(localPath(result.location) ?? '/', 303);
      return true;
    }
    reply.status(request.refusal ? (app.errorCatalogue.spec(request.refusal.code).status) : result.status);
    reply.type('text/html; charset=utf-8').send(shell(result));
    return true;
  };

  /** A refused form post: the page again (its GET form, a new token) with the refusal above it. */
  const refuse = async (req: FastifyRequest, reply: FastifyReply, code: string) => {
    const spec = app.errorCatalogue.spec(code);
    const refusal = { code, message: spec[pageLanguage(req)] };
    req.log.info({ code }, 'form post refused');
    if (!(await answer(req, reply, { method: 'GET', refusal }))) return reply.status(spec.status).send();
  };

  await app.register(async (scope) => {
    // Form bodies only here: urlencoded fields, the first value of each, a few KB at most.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_req, body, done) => {
      const form: Record<string, string> = {};
      for (const [key, value] of new URLSearchParams(body as string)) if (!(key in form)) form[key] = value;
      done(null, form);
    });
    for (const url of FORM_PAGES) {
      scope.post(url, {
        // Hostile text (the edge's guard, ADR 0010), a body too large or of another type: the page again with why.
        errorHandler: (error: FastifyError, req, reply) => {
          const code = (error as { code?: string }).code === 'TEXT_NOT_ALLOWED' ? 'TEXT_NOT_ALLOWED'
            : error.statusCode === 413 ? 'PAYLOAD_TOO_LARGE'
            : error.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE'
            : undefined;
          if (!code) throw error;
          void refuse(req, reply, code).catch((cause: unknown) => reply.send(cause));
        },
      }, async (req, reply) => {
        // A form of a page is urlencoded; JSON (which this app also parses) is the API's, not a page's.
        if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) return refuse(req, reply, 'UNSUPPORTED_MEDIA_TYPE');
        const form = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, string>;
        if (!formAllowed(req, production, form._csrf)) return refuse(req, reply, 'FORM_REFUSED');
        if (!(await answer(req, reply, { method: 'POST', form }))) return reply.callNotFound();
      });
    }
  });

  await app.register(async (scope) => {
    // Upload forms (multipart): a few short fields and one file, read here within the limits.
    await scope.register(multipart, {
      limits: { fields: 8, fieldSize: 256, files: 1, parts: 10, fileSize: UPLOAD_FILE_LIMIT, headerPairs: 50 },
    });
    for (const url of UPLOAD_PAGES) {
      scope.post(url, {
        errorHandler: (error: FastifyError, req, reply) => {
          const code = error.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : error.statusCode === 415 || error.statusCode === 406 ? 'UNSUPPORTED_MEDIA_TYPE' : undefined;
          if (!code) throw error;
          void refuse(req, reply, code).catch((cause: unknown) => reply.send(cause));
        },
      }, async (req, reply) => {
        if (!req.isMultipart()) return refuse(req, reply, 'UNSUPPORTED_MEDIA_TYPE');
        // Said by the browser before a byte is read: too large, or not from a page of this site.
        if (Number(req.headers['content-length'] ?? 0) > UPLOAD_FILE_LIMIT + UPLOAD_SLACK) {
          reply.header('connection', 'close');
          return refuse(req, reply, 'PAYLOAD_TOO_LARGE');
        }
        if (!fromThisSite(req)) return refuse(req, reply, 'FORM_REFUSED');
        const form: Record<string, string> = {};
        const files: Record<string, PageFile> = {};
        try {
          for await (const part of req.parts()) {
            if (part.type === 'file') {
              const bytes = await part.toBuffer();
              if (!(part.fieldname in files)) files[part.fieldname] = { name: part.filename.slice(0, 200), type: part.mimetype.slice(0, 100), bytes };
            } else if (!(part.fieldname in form) && typeof part.value === 'string') {
              form[part.fieldname] = part.value.slice(0, 64);
            }
          }
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') {
            return refuse(req, reply, 'PAYLOAD_TOO_LARGE');
          }
          return refuse(req, reply, 'VALIDATION_FAILED');
        }
        // eslint-disable-next-line no-control-regex
        if (Object.values(form).some((v) => /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v))) return refuse(req, reply, 'TEXT_NOT_ALLOWED');
        if (!formAllowed(req, production, form._csrf)) return refuse(req, reply, 'FORM_REFUSED');
        if (!(await answer(req, reply, { method: 'POST', form, files }))) return reply.callNotFound();
      });
    }
  });

  // The language switch of the pages: remembered in the cookie the single-page app reads too.
  app.get('/language', async (req, reply) => {
    const { to, returnTo } = req.query as Record<string, unknown>;
    if (to !== 'fa' && to !== 'en') return reply.redirect(localPath(returnTo) ?? '/', 303);
    reply.setCookie(LANG_COOKIE, to, { path: '/', sameSite: 'lax', secure: production, maxAge: 365 * 24 * 3600 });
    return reply.header('cache-control', 'no-store').redirect(localPath(returnTo) ?? '/', 303);
  });

  /** Answers a GET with its server-rendered page; false when the address is not one (the SPA has it). */
  return async (req: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    if (!renderer.isServerPage(req.url)) return false;
    return answer(req, reply, { method: 'GET' });
  };
}
