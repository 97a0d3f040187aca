import type { Widen } from '../../lib/i18n/widen';

/** Persian interface strings of this feature (under `catalogueImport.` in the catalogue). */
export const fa = {
  importPage: { title: 'ورود شناسنامه‌ها از پرونده' },
};

/** English: exactly the keys of `fa`. */
export const en: Widen<typeof fa> = {
  importPage: { title: 'Import service cards' },
};
