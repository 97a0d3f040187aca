import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

/**
 * The machine's Debian Chromium driven by playwright-core. Browsers are never downloaded: set
 * CHROMIUM_PATH to use another binary. The flags keep Chromium off the (closed) network.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-quic',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  } catch (error) {
    throw new Error(
      `Could not start Chromium at ${CHROMIUM_PATH} (install Debian's "chromium" package or set CHROMIUM_PATH).\n${String(error)}`,
      { cause: error },
    );
  }
}

export const DEVICES = {
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
  phone: { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
} as const satisfies Record<string, BrowserContextOptions>;

export type DeviceName = keyof typeof DEVICES;

/** A fresh context (own cookies and storage) for a device, Persian locale, Tehran time. */
export async function newDeviceContext(
  browser: Browser,
  device: DeviceName,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    ...DEVICES[device],
    locale: 'fa-IR',
    timezoneId: 'Asia/Tehran',
    reducedMotion: 'reduce',
    ...options,
  });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

export const desktopContext = (browser: Browser, options?: BrowserContextOptions) =>
  newDeviceContext(browser, 'desktop', options);
export const phoneContext = (browser: Browser, options?: BrowserContextOptions) =>
  newDeviceContext(browser, 'phone', options);
