import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDevPages, type DevPages } from '../src/platform/http/dev-pages';
import { pageShell } from '../src/platform/http/pages';

/**
 * `npm run dev` (ADR 0018): the API renders the public pages from the web app's source through
 * Vite, in a shell that links the development stylesheet and carries no script.
 */
let dev: DevPages;
beforeAll(async () => {
  dev = await loadDevPages();
}, 120_000);
afterAll(async () => {
  await dev?.close();
});

describe('the development rendering of the pages', () => {
  it('knows the server pages from the source and renders them in a shell with the stylesheet, no script', async () => {
    expect(dev.renderer.isServerPage('/')).toBe(true);
    expect(dev.renderer.isServerPage('/catalogue?q=x')).toBe(true);
    expect(dev.renderer.isServerPage('/me/sign-in')).toBe(true);
    expect(dev.renderer.isServerPage('/staff')).toBe(false);
    expect(dev.renderer.isServerPage('/me')).toBe(false);
    // The API is asked as the visitor; here it answers nobody is signed in, and the development outbox is empty.
    dev.renderer.setServerFetch(() => async () => new Response(null, { status: 204 }));
    const answer = await dev.renderer.renderPage({ method: 'GET', url: '/me/sign-in', lang: 'fa', csrfToken: 'x'.repeat(43) });
    expect(answer.kind).toBe('page');
    if (answer.kind !== 'page') return;
    const html = pageShell(dev.indexHtml)(answer);
    expect(html).toContain('<link rel="stylesheet" href="/src/app/pages.dev.css" />');
    expect(html).toContain('name="nationalCode"');
    expect(html).not.toMatch(/<script\b/i);
    expect(html).toMatch(/<html lang="fa" dir="rtl">/);
  });
});
