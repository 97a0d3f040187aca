import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Resource } from 'i18next';
import { interpolatedValue } from '../bidi';

/** Interface languages: Persian first (default, right-to-left), English second. */
export const LANGUAGES = ['fa', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'fa';

/** localStorage key of the reader's chosen language. */
export const LANG_STORAGE_KEY = 'dargah.lang';
/**
 * Cookie holding the same choice, so the pages the server renders (ADR 0018) speak it too; the
 * server sets it when the language is switched on one of its pages.
 */
export const LANG_COOKIE = 'dargah_lang';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function directionOf(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'fa' ? 'rtl' : 'ltr';
}

function readCookieLang(): Lang | undefined {
  if (typeof document === 'undefined') return undefined;
  const match = new RegExp(`(?:^|;\\s*)${LANG_COOKIE}=([a-z]{2})(?:;|$)`).exec(document.cookie);
  return isLang(match?.[1]) ? match[1] : undefined;
}

function readStoredLang(): Lang | undefined {
  // The cookie first: a switch on a server-rendered page sets only the cookie.
  const cookie = readCookieLang();
  if (cookie) return cookie;
  try {
    const stored = globalThis.localStorage?.getItem(LANG_STORAGE_KEY);
    return isLang(stored) ? stored : undefined;
  } catch {
    return undefined; // storage disabled (private mode, sandboxed frame)
  }
}

function storeLang(lang: Lang): void {
  if (typeof document !== 'undefined') {
    document.cookie = `${LANG_COOKIE}=${lang}; path=/; max-age=31536000; samesite=lax`;
  }
  try {
    globalThis.localStorage?.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // The choice then lasts for this page only.
  }
}

/** Sets `<html lang dir>` so the browser, the font shaping and screen readers follow the language. */
function applyToDocument(lang: Lang): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lang;
  document.documentElement.dir = directionOf(lang);
}

/** The language the interface is shown in now. */
export function currentLang(): Lang {
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return isLang(lang) ? lang : DEFAULT_LANG;
}

/** Switches the interface language and remembers the choice in this browser. */
export async function changeLanguage(lang: Lang): Promise<void> {
  storeLang(lang);
  await i18n.changeLanguage(lang);
}

i18n.on('languageChanged', (lang) => applyToDocument(isLang(lang) ? lang : DEFAULT_LANG));

/**
 * Starts i18next with the interface catalogue, synchronously, before the first render. The
 * catalogue is composed in `app/messages.ts` (the shared strings of `lib/i18n` plus each feature's
 * `messages.ts`): `lib/` knows no feature.
 */
export function setUpI18n(catalogue: {
  fa: Resource[string]['translation'];
  en: Resource[string]['translation'];
}): void {
  if (i18n.isInitialized) return;
  void i18n.use(initReactI18next).init({
    resources: { fa: { translation: catalogue.fa }, en: { translation: catalogue.en } },
    lng: readStoredLang() ?? DEFAULT_LANG,
    fallbackLng: DEFAULT_LANG,
    supportedLngs: [...LANGUAGES],
    interpolation: {
      escapeValue: false, // React escapes already
      // Every interpolated value: numbers in the language's digits, text of the other direction isolated
      // (lib/bidi.ts). i18next calls this the legacy format function; it is the one hook that sees every value.
      alwaysFormat: true,
      format: (value: unknown, _format, lng) => interpolatedValue(value, lng) as string,
    },
    returnNull: false,
    initAsync: false, // resources are bundled: initialise synchronously, before the first render
    showSupportNotice: false,
  });
  applyToDocument(currentLang());
}

/**
 * Adds strings loaded later (the staff workspace's, `app/areas.tsx`) to both languages; keys already
 * there keep their text (the test of `app/messages.test.ts` keeps the two sets apart).
 */
export function addStrings(catalogue: {
  fa: Resource[string]['translation'];
  en: Resource[string]['translation'];
}): void {
  for (const lang of LANGUAGES) i18n.addResourceBundle(lang, 'translation', catalogue[lang], true, false);
}

export { i18n };
