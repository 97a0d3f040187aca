import type { Widen } from '../../lib/i18n/widen';

/** Persian interface strings of this feature (under `cataloguePublic.` in the catalogue). */
export const fa = {
  catalogueSearchPage: { title: 'فهرست خدمات دولت' },
};

/** English: exactly the keys of `fa`. */
export const en: Widen<typeof fa> = {
  catalogueSearchPage: { title: 'Government services catalogue' },
};
