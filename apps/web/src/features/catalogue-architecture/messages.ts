import type { Widen } from '../../lib/i18n/widen';

/** Persian interface strings of this feature (under `catalogueArchitecture.` in the catalogue). */
export const fa = {
  architecturePage: { title: 'معماری خدمات' },
};

/** English: exactly the keys of `fa`. */
export const en: Widen<typeof fa> = {
  architecturePage: { title: 'Service architecture' },
};
