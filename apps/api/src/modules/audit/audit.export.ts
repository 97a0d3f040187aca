import type { AuditEntry } from '@dargah/contracts';
import { formatJalali } from '@dargah/persian';
import { csvDocument } from '../../platform/csv';
import type { Lang } from '../../platform/http/i18n';

/*
 * The filtered audit log as a CSV file: one row per entry, newest first, with the time in Tehran
 * (Jalali in Persian, ISO otherwise), who acted (name and id), the action and its object, and the
 * details as JSON (secrets already hidden).
 */

const HEADERS: Record<Lang, string[]> = {
  fa: ['شماره', 'زمان', 'نوع انجام‌دهنده', 'انجام‌دهنده', 'شناسهٔ انجام‌دهنده', 'از سوی', 'اقدام', 'نوع موضوع', 'شناسهٔ موضوع', 'دستگاه', 'نشانی IP', 'شناسهٔ درخواست HTTP', 'جزئیات'],
  en: ['No.', 'Time', 'Actor type', 'Actor', 'Actor id', 'On behalf of', 'Action', 'Object type', 'Object id', 'Agency', 'IP address', 'HTTP request id', 'Details'],
};

const who = (p: AuditEntry['actor'] | null) => (p ? [p.name, p.detail].filter(Boolean).join(' — ') : '');

export function auditCsv(items: readonly AuditEntry[], lang: Lang): Buffer {
  const time = (iso: string) => (lang === 'fa' ? formatJalali(new Date(iso), { locale: 'fa', digits: 'latin', month: 'numeric', withTime: true }) : iso);
  const agency = (e: AuditEntry) => (e.agency ? ((lang === 'en' && e.agency.nameEn) || e.agency.nameFa || e.agency.id) : '');
  return csvDocument([
    HEADERS[lang],
    ...items.map((e) => [
      e.id,
      time(e.occurredAt),
      e.actor.type,
      who(e.actor),
      e.actor.id,
      e.onBehalfOf ? who(e.onBehalfOf) || e.onBehalfOf.id : '',
      e.action,
      e.objectType,
      e.objectId,
      agency(e),
      e.ip,
      e.requestId,
      JSON.stringify(e.details),
    ]),
  ]);
}
