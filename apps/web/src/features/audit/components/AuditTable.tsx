import { Link } from '@tanstack/react-router';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import type { AuditEntry, AuditSearch } from '../api';
import { Party, usePartyName } from './Party';

const agencyName = (e: AuditEntry, lang: string) =>
  e.agency ? (lang === 'en' && e.agency.nameEn) || e.agency.nameFa || e.agency.id : null;

/**
 * The entries as a table, newest first: when (Jalali, Tehran time), who (and for whom), the action,
 * its object and agency. The number opens the entry; a person or an action narrows the list to it.
 */
export function AuditTable({ items, search }: { items: readonly AuditEntry[]; search: AuditSearch }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const partyName = usePartyName();
  const captionId = useId();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className="data-table audit-table">
        <caption id={captionId}>{t('audit.logPage.list')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.columns.seq')}</th>
            <th scope="col">{t('audit.columns.time')}</th>
            <th scope="col">{t('audit.columns.actor')}</th>
            <th scope="col">{t('audit.columns.action')}</th>
            <th scope="col">{t('audit.columns.object')}</th>
            <th scope="col">{t('audit.columns.agency')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <td>
                <Link
                  to="/staff/audit/$entryId"
                  params={{ entryId: String(e.id) }}
                  aria-label={t('audit.entryPage.title', { seq: format.digits(e.id) })}
                >
                  {format.digits(e.id)}
                </Link>
              </td>
              <td>
                <time dateTime={e.occurredAt}>{format.date(e.occurredAt, { month: 'numeric', withTime: true })}</time>
              </td>
              <td>
                {e.actor.id && search.actor !== e.actor.id ? (
                  <Link
                    to="/staff/audit"
                    search={{ ...search, actor: e.actor.id }}
                    className="party-link"
                    title={t('audit.filters.onlyThisActor', { name: partyName(e.actor) })}
                  >
                    <Party party={e.actor} />
                  </Link>
                ) : (
                  <Party party={e.actor} />
                )}
                {e.onBehalfOf ? (
                  <span className="party__detail">{t('audit.onBehalfOf', { name: partyName(e.onBehalfOf) })}</span>
                ) : null}
              </td>
              <td>
                {search.action !== e.action ? (
                  <Link
                    to="/staff/audit"
                    search={{ ...search, action: e.action }}
                    title={t('audit.filters.onlyThisAction', { action: e.action })}
                  >
                    <code dir="ltr">{e.action}</code>
                  </Link>
                ) : (
                  <code dir="ltr">{e.action}</code>
                )}
              </td>
              <td>
                <code dir="ltr">{e.objectType}</code>
                {e.objectId ? (
                  <>
                    {' '}
                    <bdi dir="ltr" className="audit-table__id">
                      {e.objectId}
                    </bdi>
                  </>
                ) : null}
              </td>
              <td>{agencyName(e, i18n.language) ?? <span className="text-muted">{t('audit.entryPage.none')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export { agencyName };
