import type { Widen } from '../../lib/i18n/widen';

/** Persian strings under `status.` in the interface catalogue. */
const statusFa = {
  title: 'وضعیت سامانه',
  loading: 'در حال بررسی وضعیت سامانه…',
  ready: 'سامانه آماده است',
  notReady: 'سامانه هنوز آماده نیست',
  database: 'پایگاه داده',
  databaseReady: 'آماده',
  databaseNotReady: 'در دسترس نیست',
  databaseKind: {
    embedded: 'تعبیه‌شده (PGlite)',
    server: 'سرور PostgreSQL',
  },
  migrations: 'ساختار پایگاه داده',
  migrationsCurrent: 'به‌روز است',
  migrationsPending_one: '{{n}} تغییر در انتظار اجرا',
  migrationsPending_other: '{{n}} تغییر در انتظار اجرا',
  simulators: 'شبیه‌سازهای فعال',
  simulatorsHelp: 'سامانه‌های ملی که در این استقرار به جای اتصال واقعی با شبیه‌ساز محلی کار می‌کنند.',
  noSimulators: 'هیچ شبیه‌سازی فعال نیست.',
  checkedAt: 'آخرین بررسی: {{time}}',
  error: 'وضعیت سامانه دریافت نشد.',
  retry: 'بررسی دوباره',
};

const statusEn: Widen<typeof statusFa> = {
  title: 'System status',
  loading: 'Checking the system status…',
  ready: 'The system is ready',
  notReady: 'The system is not ready yet',
  database: 'Database',
  databaseReady: 'Ready',
  databaseNotReady: 'Unavailable',
  databaseKind: {
    embedded: 'Embedded (PGlite)',
    server: 'PostgreSQL server',
  },
  migrations: 'Database schema',
  migrationsCurrent: 'Up to date',
  migrationsPending_one: '{{n}} change waiting to be applied',
  migrationsPending_other: '{{n}} changes waiting to be applied',
  simulators: 'Active simulators',
  simulatorsHelp:
    'National systems that this deployment reaches through a local simulator instead of a live connection.',
  noSimulators: 'No simulator is active.',
  checkedAt: 'Last checked: {{time}}',
  error: 'The system status could not be retrieved.',
  retry: 'Check again',
};

/** This feature's strings under their keys in the interface catalogue; `app/messages.ts` joins the features. */
export const messages = {
  fa: { status: statusFa },
  en: { status: statusEn },
};
