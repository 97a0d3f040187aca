import 'i18next';
import type { Catalogue } from './messages';

// Typed keys: `t('audit.title')` is checked against the whole Persian catalogue (public and workspace).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
  }
}
