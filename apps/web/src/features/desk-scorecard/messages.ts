import { labelsIn, SCORECARD_CRITERION_LABELS } from '@dargah/contracts';
import type { Widen } from '../../lib/i18n/widen';

/** Persian interface strings of this feature (under `deskScorecard.` in the catalogue). */
export const fa = {
  title: 'کارنامهٔ ارزیابی میز خدمت',
  lead: 'ده معیار ارزیابی میز خدمت برای هر دستگاه، شمرده از داده‌های درگاه؛ هر عدد با صورت و مخرجش.',
  link: 'کارنامهٔ ارزیابی میز خدمت دستگاه‌ها',
  filters: { title: 'سال و استان', year: 'سال', thisYear: 'سال جاری', province: 'استان', provinceHint: 'خالی: همهٔ استان‌ها', apply: 'نمایش' },
  export: { title: 'دریافت جدول', csv: 'دریافت CSV', xlsx: 'دریافت اکسل' },
  agencies: 'دستگاه‌ها',
  provinces: 'مقایسهٔ استان‌ها',
  name: 'نام',
  total: 'امتیاز کل',
  sortTotal: 'مرتب‌سازی بر پایهٔ امتیاز کل',
  sortName: 'مرتب‌سازی بر پایهٔ نام',
  totalRow: 'جمع',
  notMeasured: 'سنجش‌پذیر نیست',
  measured: '{{n}} معیار از ۱۰ سنجیده شد',
  empty: 'در این دوره دستگاهی برای ارزیابی نیست.',
  definitions: 'تعریف معیارها',
  criteria: labelsIn(SCORECARD_CRITERION_LABELS, 'fa'),
};

export const en: Widen<typeof fa> = {
  title: 'Desk evaluation scorecard',
  lead: 'Ten service-desk criteria for each agency, counted from the platform’s data; each figure with its numerator and denominator.',
  link: 'Agencies’ desk evaluation scorecard',
  filters: { title: 'Year and province', year: 'Year', thisYear: 'This year', province: 'Province', provinceHint: 'Empty: every province', apply: 'Show' },
  export: { title: 'Download the table', csv: 'Download CSV', xlsx: 'Download Excel' },
  agencies: 'Agencies',
  provinces: 'Provinces compared',
  name: 'Name',
  total: 'Total score',
  sortTotal: 'Sort by total score',
  sortName: 'Sort by name',
  totalRow: 'Total',
  notMeasured: 'Not measurable',
  measured: '{{n}} of 10 criteria measured',
  empty: 'There is no agency to evaluate in this period.',
  definitions: 'What each criterion counts',
  criteria: labelsIn(SCORECARD_CRITERION_LABELS, 'en'),
};

/** This feature's strings under their keys in the interface catalogue; `app/messages.workspace.ts` joins the features. */
export const messages = {
  fa: { deskScorecard: fa },
  en: { deskScorecard: en },
};
