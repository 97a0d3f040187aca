import type { Widen } from '../../lib/i18n/widen';

/** Persian interface strings of this feature (under `catalogueReports.` in the catalogue). */
export const fa = {
  reportsPage: { title: 'گزارش‌های مغایرت خدمات' },
};

/** English: exactly the keys of `fa`. */
export const en: Widen<typeof fa> = {
  reportsPage: { title: 'Service discrepancy reports' },
};
