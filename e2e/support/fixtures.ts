import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { test as base, inject } from 'vitest';
import { DEVICES, launchBrowser, newDeviceContext, type DeviceName } from './browser';
import { ensureOutputDir, safeFileName } from './paths';

export interface OpenPageOptions {
  /** Interface language stored before the first page load (default: none, i.e. Persian). */
  lang?: 'fa' | 'en';
  /** `false`: the browser runs no script at all (the server-rendered public pages must work so). */
  javaScript?: false;
  /** Another viewport width in CSS pixels (a 390 px phone, say); the device's height. */
  width?: number;
}

/** Opens a new page in a fresh context for the device; closed (and screenshotted on failure) after the test. */
export type OpenPage = (device: DeviceName, options?: OpenPageOptions) => Promise<Page>;

/**
 * `test` with Dargah fixtures: `browser` (one Chromium per file), `baseURL`, and `openPage`.
 * When a test fails, every page it opened is saved as `e2e/output/<test name>-<device>.png`, with
 * the browser's console messages, page errors and HTTP errors beside it in a `.log` file.
 */
export const test = base
  .extend(
    'browser',
    { scope: 'file' },
    // vitest reads the fixtures a fixture needs from its destructuring pattern: none here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, { onCleanup }): Promise<Browser> => {
      const browser = await launchBrowser();
      onCleanup(() => browser.close());
      return browser;
    },
  )
  .extend(
    'baseURL',
    { scope: 'file' },
    // eslint-disable-next-line no-empty-pattern
    ({}): string => inject('baseURL'),
  )
  .extend('openPage', async ({ browser, baseURL, task }, { onCleanup }): Promise<OpenPage> => {
    const opened: Array<{ device: DeviceName; page: Page; events: string[] }> = [];
    onCleanup(async () => {
      const failed = task.result?.state === 'fail';
      for (const [index, { device, page, events }] of opened.entries()) {
        if (failed) {
          const suffix = opened.length > 1 ? `-${index + 1}` : '';
          const base = join(ensureOutputDir(), `${safeFileName(`${task.fullName}-${device}`)}${suffix}`);
          if (!page.isClosed()) await page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => undefined);
          // What the browser saw: often the reason a page stayed blank (a 500 on a script, a CSP block).
          writeFileSync(
            `${base}.log`,
            events.length ? `${events.join('\n')}\n` : '(no console messages, page errors or HTTP errors)\n',
          );
        }
        await page
          .context()
          .close()
          .catch(() => undefined);
      }
    });
    return async (device, options = {}) => {
      const context = await newDeviceContext(browser, device, {
        baseURL,
        ...(options.javaScript === false ? { javaScriptEnabled: false } : {}),
        ...(options.width ? { viewport: { ...DEVICES[device].viewport, width: options.width } } : {}),
      });
      if (options.lang) {
        const lang = options.lang;
        // The server-rendered pages (ADR 0018) read the language cookie, which the app also writes and reads first.
        await context.addCookies([{ name: 'dargah_lang', value: lang, url: baseURL }]);
        await context.addInitScript((value) => {
          if (!sessionStorage.getItem('e2e.lang-set')) {
            localStorage.setItem('dargah.lang', value);
            sessionStorage.setItem('e2e.lang-set', '1');
          }
        }, lang);
      }
      const page = await context.newPage();
      const events: string[] = [];
      page.on('console', (message) => events.push(`console.${message.type()}: ${message.text()}`));
      page.on('pageerror', (error) => events.push(`page error: ${error.message}`));
      page.on('requestfailed', (request) =>
        events.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
      );
      page.on('response', (response) => {
        if (response.status() >= 400)
          events.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
      });
      opened.push({ device, page, events });
      return page;
    };
  });

export { describe, expect, inject } from 'vitest';
