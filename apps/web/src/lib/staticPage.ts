import { createContext, useContext } from 'react';

/**
 * A page rendered on the server as a complete HTML document that works without JavaScript (ADR
 * 0018): the home page, the catalogue, a service's information package and the citizen sign-in.
 * Shared components read this to render their no-script form: a link instead of a button that
 * needs a script (language, «more»), the navigation unfolded, no dialogs.
 */
export interface StaticPage {
  /** The path and query of the page (`/catalogue?q=…`), for links that come back to it. */
  url: string;
  /** The token every form of the page posts back (`_csrf`), paired with a cookie (ADR 0018). */
  csrfToken: string;
  /** What the page's server action answered to the form just posted; undefined on a GET. */
  formState?: unknown;
  /** A form post the server refused before the page saw it (posted from elsewhere, hostile text): shown above the page. */
  refusal?: { code: string; message: string };
  /** The document title the page asked for (usePageTitle writes it here on the server). */
  title?: string;
  /** 404 when the page says what was asked for does not exist (`useNotFoundStatus`). */
  status?: number;
}

const StaticPageContext = createContext<StaticPage | null>(null);

export const StaticPageProvider = StaticPageContext.Provider;

/** The server-rendered page's context, or null in the single-page app. */
export function useStaticPage(): StaticPage | null {
  return useContext(StaticPageContext);
}

/** A page showing «not found»: the server answers it with 404 (nothing in the single-page app). */
export function useNotFoundStatus(): void {
  const page = useStaticPage();
  if (page) page.status = 404;
}

/** What a server-rendered page's form post comes to: go elsewhere (303), or show the page again with `state`. */
export type ActionResult = { redirect: string } | { state: unknown; status?: number };

/** A file posted with a page's form (upload pages only). */
export interface PostedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/**
 * The server side of a page's form: given the posted fields (each a string; a field sent twice
 * keeps its first value), the page's validated search and any posted files (upload pages), calls
 * the API and says what to show.
 */
export type ServerAction = (
  form: Readonly<Record<string, string>>,
  search: Readonly<Record<string, unknown>>,
  files?: Readonly<Record<string, PostedFile>>,
) => Promise<ActionResult>;

/**
 * Asked on the server before a server-rendered page's GET: a local path to send the visitor to
 * instead (303), e.g. a signed-in citizen asking for the sign-in page; undefined to show the page.
 */
export type ServerRedirect = (search: Readonly<Record<string, unknown>>) => Promise<string | undefined>;
