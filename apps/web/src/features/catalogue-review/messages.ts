import type { Widen } from '../../lib/i18n/widen';

/** Persian interface strings of this feature (under `catalogueReview.` in the catalogue). */
export const fa = {
  reviewQueuePage: { title: 'کارتابل بررسی شناسنامه‌ها' },
  cardPage: { title: 'شناسنامهٔ خدمت' },
};

/** English: exactly the keys of `fa`. */
export const en: Widen<typeof fa> = {
  reviewQueuePage: { title: 'Card review queue' },
  cardPage: { title: 'Service identity card' },
};
