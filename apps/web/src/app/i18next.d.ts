import 'i18next';
import type { fa } from './messages';

// Typed keys: `t('audit.title')` is checked against the composed Persian catalogue.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof fa };
  }
}
