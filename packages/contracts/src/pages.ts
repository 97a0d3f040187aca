/**
 * Between the API and the web app's server entry (apps/web/src/app/server.tsx, ADR 0018): the
 * API asks for a public page by address, language and (for a form post) its fields; the web app
 * answers with the page's HTML body, a redirect, or that the address is not one of its pages.
 */
export type PageLang = 'fa' | 'en';

export interface PageRequest {
  method: 'GET' | 'POST';
  /** Path and query, as asked (`/catalogue?q=…`). */
  url: string;
  lang: PageLang;
  /** The posted fields (POST only): each a string, the first value of a field sent twice. */
  form?: Readonly<Record<string, string>>;
  /** Files posted with the form (multipart, upload pages only): by field name, the first of each. */
  files?: Readonly<Record<string, PageFile>>;
  /** The page's form token: put in every form it renders. */
  csrfToken: string;
  /** A form post refused before it reached the page (not from this site, hostile text): said above it. */
  refusal?: { code: string; message: string };
}

/** A file posted with a page's form. */
export interface PageFile {
  /** The name the browser gave (display only, never trusted). */
  name: string;
  type: string;
  bytes: Uint8Array;
}

export type PageAnswer =
  | { kind: 'page'; status: number; title: string; lang: PageLang; dir: 'rtl' | 'ltr'; body: string }
  | { kind: 'redirect'; location: string }
  /** The address is not a server-rendered page (the single-page app has it), or it takes no post. */
  | { kind: 'none' };

/** What the built server entry exports. */
export interface PageRenderer {
  isServerPage(url: string): boolean;
  renderPage(request: PageRequest): Promise<PageAnswer>;
  /** Routes the web app's API calls during a rendering through `provider()` (the visitor's fetch). */
  setServerFetch(provider: () => typeof globalThis.fetch): void;
}
