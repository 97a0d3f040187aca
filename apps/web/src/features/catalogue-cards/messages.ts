import type { Widen } from '../../lib/i18n/widen';

/** Persian interface strings of this feature (under `catalogueCards.` in the catalogue). */
export const fa = {
  cardListPage: { title: 'شناسنامه‌های خدمت' },
  cardEditorPage: { title: 'شناسنامهٔ خدمت تازه' },
};

/** English: exactly the keys of `fa`. */
export const en: Widen<typeof fa> = {
  cardListPage: { title: 'Service identity cards' },
  cardEditorPage: { title: 'New service identity card' },
};
