import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BarChart } from '../../../components/BarChart';
import { EmptyState } from '../../../components/EmptyState';
import { CheckIcon } from '../../../components/icons';
import { Field } from '../../../components/Field';
import { QueryStates } from '../../../components/QueryStates';
import { PageHeader } from '../../../components/PageHeader';
import { useFormat } from '../../../lib/format';
import { hasRole, useSession } from '../../identity';
import {
  agenciesQuery,
  exportUrl,
  PAGE_SIZE,
  reportQuery,
  type DiscrepancyReport,
  type ReportFilters,
  type SectionKey,
} from '../api';
import { ReviewList } from '../components/ReviewList';
import { YearlyReportForm } from '../components/YearlyReportForm';

const SECTIONS: SectionKey[] = ['withoutId', 'neverDelivered', 'expiredDelivered'];
const NO_OFFSETS: Record<SectionKey, number> = { withoutId: 0, neverDelivered: 0, expiredDelivered: 0 };
const EMPTY: ReportFilters = { from: '', to: '', agencyId: '', province: '' };

/** /staff/catalogue/reports: the discrepancy report, the central review and the provincial yearly report. */
export function ReportsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [draft, setDraft] = useState<ReportFilters>(EMPTY);
  const [filters, setFilters] = useState<ReportFilters>(EMPTY);
  const [offsets, setOffsets] = useState(NO_OFFSETS);
  const agencies = useQuery(agenciesQuery);
  const report = useQuery({ ...reportQuery(filters, offsets), placeholderData: (prev) => prev });
  const isReviewer = hasRole(session, ['central_reviewer', 'platform_admin']);
  const adminOf = new Set(
    session?.kind === 'staff' ? session.roles.filter((r) => r.role === 'agency_admin').map((r) => r.agencyId) : [],
  );
  const offices = (agencies.data ?? []).filter(
    (a) => adminOf.has(a.id) && (a.kind === 'provincial_office' || a.kind === 'county_office'),
  );
  const provinces = [...new Set((agencies.data ?? []).flatMap((a) => (a.province ? [a.province] : [])))].sort();

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
    setOffsets(NO_OFFSETS);
  };
  const set = (k: keyof ReportFilters) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));

  return (
    <div className="stack-lg">
      <PageHeader title={t('catalogueReports.reportsPage.title')} lead={t('catalogueReports.reportsPage.lead')} />
      <section className="card stack" aria-labelledby="dreport-filters">
        <h2 id="dreport-filters" className="card__title">
          {t('catalogueReports.filters.title')}
        </h2>
        <form className="dreport-filters" onSubmit={apply}>
          <Field
            id="dreport-from"
            label={t('catalogueReports.filters.from')}
            help={t('catalogueReports.filters.dateHelp')}
          >
            {(p) => (
              <input
                {...p}
                className="input"
                inputMode="numeric"
                dir="ltr"
                value={draft.from}
                onChange={set('from')}
                placeholder="1404/01/01"
              />
            )}
          </Field>
          <Field id="dreport-to" label={t('catalogueReports.filters.to')} help={t('catalogueReports.filters.dateHelp')}>
            {(p) => (
              <input
                {...p}
                className="input"
                inputMode="numeric"
                dir="ltr"
                value={draft.to}
                onChange={set('to')}
                placeholder="1404/12/29"
              />
            )}
          </Field>
          <Field id="dreport-agency" label={t('catalogueReports.filters.agency')}>
            {(p) => (
              <select {...p} className="input" value={draft.agencyId} onChange={set('agencyId')}>
                <option value="">{t('catalogueReports.filters.allAgencies')}</option>
                {(agencies.data ?? []).map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.nameFa}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="dreport-province" label={t('catalogueReports.filters.province')}>
            {(p) => (
              <select {...p} className="input" value={draft.province} onChange={set('province')}>
                <option value="">—</option>
                {provinces.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button">
              {t('catalogueReports.filters.apply')}
            </button>
          </div>
        </form>
      </section>

      <QueryStates query={report}>
        {(data) => (
          <Report data={data} filters={filters} onPage={(k, offset) => setOffsets((o) => ({ ...o, [k]: offset }))} />
        )}
      </QueryStates>

      {isReviewer ? <ReviewList /> : null}
      {offices.length > 0 ? <YearlyReportForm offices={offices} /> : null}
    </div>
  );
}

function Report({
  data,
  filters,
  onPage,
}: {
  data: DiscrepancyReport;
  filters: ReportFilters;
  onPage: (k: SectionKey, offset: number) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <>
      <section className="card stack" aria-labelledby="dreport-summary">
        <h2 id="dreport-summary" className="card__title">
          {t('catalogueReports.filters.period', {
            from: f.jalaliDay(data.period.fromJalali),
            to: f.jalaliDay(data.period.toJalali),
          })}
        </h2>
        <ul className="dreport-summary">
          {SECTIONS.map((k) => (
            <li key={k}>
              <a href={`#dreport-${k}`}>
                <strong>{f.number(data.summary[k])}</strong> <span>{t(`catalogueReports.sections.${k}`)}</span>
              </a>
            </li>
          ))}
        </ul>
        <div className="dreport-export" role="group" aria-label={t('catalogueReports.export.title')}>
          <a className="button button--secondary" href={exportUrl(filters, 'csv')} download>
            {t('catalogueReports.export.csv')}
          </a>
          <a className="button button--secondary" href={exportUrl(filters, 'xlsx')} download>
            {t('catalogueReports.export.xlsx')}
          </a>
        </div>
      </section>
      {SECTIONS.map((k) => (
        <Section key={k} k={k} data={data} onPage={onPage} />
      ))}
    </>
  );
}

function Section({
  k,
  data,
  onPage,
}: {
  k: SectionKey;
  data: DiscrepancyReport;
  onPage: (k: SectionKey, offset: number) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const page = data.sections[k];
  const name = t(`catalogueReports.sections.${k}`);
  const bars = data.byAgency
    .filter((a) => a[k] > 0)
    .map((a) => ({ key: a.agencyId, label: a.agencyName, value: a[k] }));
  const date = (v: string | null) => (v ? f.date(v) : '—');
  return (
    <section className="card stack" aria-labelledby={`dreport-${k}`}>
      <div className="card__header">
        <h2 id={`dreport-${k}`} className="card__title">
          {name}{' '}
          <span className="dreport-count">({t('catalogueReports.sections.count', { n: f.number(page.total) })})</span>
        </h2>
      </div>
      <p className="text-muted">{t(`catalogueReports.sections.${k}Lead`)}</p>
      {page.total === 0 ? (
        <EmptyState title={t('catalogueReports.sections.empty')} headingLevel={3} icon={<CheckIcon />} />
      ) : (
        <>
          <BarChart
            title={t('catalogueReports.chart.title', { section: name })}
            description={t('catalogueReports.chart.description')}
            labelHeader={t('catalogueReports.columns.agency')}
            valueHeader={t('catalogueReports.columns.count')}
            caption={t('catalogueReports.chart.tableCaption', { section: name })}
            bars={bars}
          />
          <div
            className="dreport-scroll"
            tabIndex={0}
            role="region"
            aria-label={t('catalogueReports.sections.table', { section: name })}
          >
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('catalogueReports.columns.agency')}</th>
                  <th scope="col">{t('catalogueReports.columns.title')}</th>
                  <th scope="col">{t('catalogueReports.columns.serviceId')}</th>
                  {k === 'withoutId' ? <th scope="col">{t('catalogueReports.columns.reason')}</th> : null}
                  {k !== 'neverDelivered' ? <th scope="col">{t('catalogueReports.columns.count')}</th> : null}
                  {k !== 'neverDelivered' ? <th scope="col">{t('catalogueReports.columns.lastAt')}</th> : null}
                  {k !== 'withoutId' ? <th scope="col">{t('catalogueReports.columns.expiresAt')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {page.items.map((r) => (
                  <tr key={`${r.source}-${r.deskServiceId ?? r.reportRowId ?? r.serviceId}`}>
                    <td>{r.agencyName}</td>
                    <td>
                      {r.title}
                      {r.source !== 'catalogue' ? (
                        <span className="dreport-source">
                          {' '}
                          · {t(`catalogueReports.source.${r.source}`)}
                          {r.year ? ` ${f.digits(r.year)}` : ''}
                        </span>
                      ) : null}
                    </td>
                    <td dir="ltr">{r.serviceId ? f.digits(r.serviceId) : '—'}</td>
                    {k === 'withoutId' ? <td>{r.reason ? t(`catalogueReports.reason.${r.reason}`) : '—'}</td> : null}
                    {k !== 'neverDelivered' ? <td>{f.number(r.count)}</td> : null}
                    {k !== 'neverDelivered' ? <td>{date(r.lastAt)}</td> : null}
                    {k !== 'withoutId' ? <td>{date(r.expiresAt)}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="dreport-pager" aria-label={name}>
            <span>
              {t('catalogueReports.pager.range', {
                from: f.number(page.offset + 1),
                to: f.number(Math.min(page.total, page.offset + page.items.length)),
                total: f.number(page.total),
              })}
            </span>
            <button
              type="button"
              className="button button--ghost button--small"
              disabled={page.offset === 0}
              onClick={() => onPage(k, Math.max(0, page.offset - PAGE_SIZE))}
            >
              {t('catalogueReports.pager.previous')}
            </button>
            <button
              type="button"
              className="button button--ghost button--small"
              disabled={page.offset + PAGE_SIZE >= page.total}
              onClick={() => onPage(k, page.offset + PAGE_SIZE)}
            >
              {t('catalogueReports.pager.next')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
