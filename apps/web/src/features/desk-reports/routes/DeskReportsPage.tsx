import { JALALI_MONTH_NAMES_FA } from '@dargah/persian';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BarChart } from '../../../components/BarChart';
import { EmptyState } from '../../../components/EmptyState';
import { Field } from '../../../components/Field';
import { InboxIcon } from '../../../components/icons';
import { PageHeader } from '../../../components/PageHeader';
import { QueryStates } from '../../../components/QueryStates';
import { useFormat } from '../../../lib/format';
import {
  deskOptionsQuery,
  deskReportQuery,
  exportUrl,
  type DeskFilters,
  type DeskReport,
  type DeskReportGroup,
  type DeskReportRow,
} from '../api';

const GROUPS: DeskReportGroup[] = ['month', 'quarter', 'year', 'service', 'office', 'officeKind'];
const KINDS = ['headquarters', 'operational', 'unassigned'] as const;
const MEASURES = ['accepted', 'answered', 'overdue', 'meanWorking', 'p90Working'] as const;
type Measure = (typeof MEASURES)[number];
const MONTHS_EN = [
  'Farvardin',
  'Ordibehesht',
  'Khordad',
  'Tir',
  'Mordad',
  'Shahrivar',
  'Mehr',
  'Aban',
  'Azar',
  'Dey',
  'Bahman',
  'Esfand',
];
const INITIAL: DeskFilters = { year: '', groupBy: 'month', agencyId: '', serviceId: '', unitId: '', officeKind: '' };

const measureOf = (r: DeskReportRow, m: Measure): number =>
  m === 'meanWorking' ? (r.workingDays.mean ?? 0) : m === 'p90Working' ? (r.workingDays.p90 ?? 0) : r[m];

/** /staff/desk-reports: the desk report of a Jalali year for unit managers, agency administrators and central roles. */
export function DeskReportsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [draft, setDraft] = useState<DeskFilters>(INITIAL);
  const [filters, setFilters] = useState<DeskFilters>(INITIAL);
  const options = useQuery(deskOptionsQuery(draft.agencyId));
  const report = useQuery({ ...deskReportQuery(filters), placeholderData: (prev) => prev });
  const set = (k: keyof DeskFilters) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value, ...(k === 'agencyId' ? { serviceId: '', unitId: '' } : {}) }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
  };
  const o = options.data;
  const years = o ? Array.from({ length: o.years.last - o.years.first + 1 }, (_, i) => o.years.last - i) : [];

  return (
    <div className="stack-lg">
      <PageHeader title={t('deskReports.title')} lead={t('deskReports.lead')} />
      <section className="card stack" aria-labelledby="desk-filters">
        <h2 id="desk-filters" className="card__title">
          {t('deskReports.filters.title')}
        </h2>
        <form className="dreport-filters" onSubmit={apply}>
          <Choice
            id="desk-year"
            label={t('deskReports.filters.year')}
            value={draft.year}
            onChange={set('year')}
            options={years.map((y, i) => ({ value: i === 0 ? '' : String(y), label: f.digits(y) }))}
          />
          <Choice
            id="desk-group"
            label={t('deskReports.filters.groupBy')}
            value={draft.groupBy}
            onChange={set('groupBy')}
            options={GROUPS.map((g) => ({ value: g, label: t(`deskReports.groups.${g}`) }))}
          />
          {o && o.agencies.length > 1 ? (
            <Choice
              id="desk-agency"
              label={t('deskReports.filters.agency')}
              value={draft.agencyId}
              onChange={set('agencyId')}
              all={t('deskReports.filters.allAgencies')}
              options={o.agencies.map((a) => ({ value: a.id, label: a.name }))}
            />
          ) : null}
          {o && o.services.length > 0 ? (
            <Choice
              id="desk-service"
              label={t('deskReports.filters.service')}
              value={draft.serviceId}
              onChange={set('serviceId')}
              all={t('deskReports.filters.allServices')}
              options={o.services.map((x) => ({ value: x.id, label: x.title }))}
            />
          ) : null}
          {o && o.offices.length > 0 ? (
            <Choice
              id="desk-office"
              label={t('deskReports.filters.office')}
              value={draft.unitId}
              onChange={set('unitId')}
              disabled={draft.officeKind !== ''}
              all={t('deskReports.filters.allOffices')}
              options={o.offices.map((u) => ({
                value: u.id,
                label: `${u.name} (${t(`deskReports.kinds.${u.kind}`)})`,
              }))}
            />
          ) : null}
          <Choice
            id="desk-kind"
            label={t('deskReports.filters.officeKind')}
            value={draft.officeKind}
            onChange={set('officeKind')}
            disabled={draft.unitId !== ''}
            all={t('deskReports.filters.allKinds')}
            options={KINDS.map((k) => ({ value: k, label: t(`deskReports.kinds.${k}`) }))}
          />
          <div className="form-actions">
            <button type="submit" className="button">
              {t('deskReports.filters.apply')}
            </button>
          </div>
        </form>
      </section>
      <QueryStates query={report}>{(data) => <Report data={data} filters={filters} />}</QueryStates>
    </div>
  );
}

/** One filter: a labelled select, optionally with an «all» choice first (the empty value). */
function Choice(props: {
  id: string;
  label: string;
  value: string;
  onChange: (e: { target: { value: string } }) => void;
  options: Array<{ value: string; label: string }>;
  all?: string;
  disabled?: boolean;
}) {
  return (
    <Field id={props.id} label={props.label}>
      {(p) => (
        <select {...p} className="input" value={props.value} onChange={props.onChange} disabled={props.disabled}>
          {props.all !== undefined ? <option value="">{props.all}</option> : null}
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function Report({ data, filters }: { data: DeskReport; filters: DeskFilters }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const [measure, setMeasure] = useState<Measure>('accepted');
  const group = t(`deskReports.groups.${data.groupBy}`);
  const months = i18n.language === 'en' ? MONTHS_EN : JALALI_MONTH_NAMES_FA;
  const name = (r: DeskReportRow): string => {
    if (data.groupBy === 'month') return `${months[(r.period ?? 1) - 1]} ${f.digits(data.year)}`;
    if (data.groupBy === 'quarter') return t('deskReports.quarter', { n: f.digits(r.period ?? 1) });
    if (data.groupBy === 'year') return f.digits(data.year);
    if (data.groupBy === 'officeKind') return t(`deskReports.kinds.${r.officeKind ?? 'unassigned'}`);
    return r.label ?? r.key;
  };
  const n = (v: number | null) => (v === null ? '—' : f.number(v));
  const total = data.total;
  const nothing = total.accepted === 0 && total.answered === 0;
  return (
    <>
      <section className="card stack" aria-labelledby="desk-summary">
        <h2 id="desk-summary" className="card__title">
          {t('deskReports.summary.title', { year: f.digits(data.year) })}
        </h2>
        <ul className="dreport-summary dreport-summary--figures">
          <li>
            <strong>{n(total.accepted)}</strong> <span>{t('deskReports.summary.accepted')}</span>
          </li>
          <li>
            <strong>{n(total.answered)}</strong> <span>{t('deskReports.summary.answered')}</span>
          </li>
          <li>
            <strong>{n(total.pending)}</strong> <span>{t('deskReports.summary.pending')}</span>
          </li>
          <li>
            <strong>{n(total.overdue)}</strong> <span>{t('deskReports.summary.overdue')}</span>
          </li>
          <li>
            <strong>{n(total.workingDays.mean)}</strong> <span>{t('deskReports.summary.meanWorking')}</span>
          </li>
        </ul>
        <div className="dreport-export" role="group" aria-label={t('deskReports.export.title')}>
          <a className="button button--secondary" href={exportUrl(filters, 'csv')} download>
            {t('deskReports.export.csv')}
          </a>
          <a className="button button--secondary" href={exportUrl(filters, 'xlsx')} download>
            {t('deskReports.export.xlsx')}
          </a>
        </div>
      </section>
      <section className="card stack" aria-labelledby="desk-table-title">
        <h2 id="desk-table-title" className="card__title">
          {t('deskReports.table', { group })}
        </h2>
        {nothing ? (
          <EmptyState title={t('deskReports.empty')} headingLevel={3} icon={<InboxIcon />} />
        ) : (
          <>
            <Field id="desk-measure" label={t('deskReports.chart.measure')}>
              {(p) => (
                <select
                  {...p}
                  className="input"
                  value={measure}
                  onChange={(e) => setMeasure(e.target.value as Measure)}
                >
                  {MEASURES.map((m) => (
                    <option key={m} value={m}>
                      {t(`deskReports.chart.measures.${m}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <BarChart
              title={t('deskReports.chart.title', { measure: t(`deskReports.chart.measures.${measure}`), group })}
              description={t('deskReports.chart.description')}
              caption={t('deskReports.table', { group })}
              labelHeader={group}
              valueHeader={t(`deskReports.chart.measures.${measure}`)}
              bars={data.rows.map((r) => ({ key: r.key, label: name(r), value: measureOf(r, measure) }))}
              table={false}
            />
            <p className="text-muted">{t('deskReports.notes')}</p>
            <div className="dreport-scroll" tabIndex={0} role="region" aria-labelledby="desk-table-title">
              <table className="data-table">
                <caption className="visually-hidden">{t('deskReports.table', { group })}</caption>
                <thead>
                  <tr>
                    <th scope="col" rowSpan={2}>
                      {group}
                    </th>
                    <th scope="col" rowSpan={2}>
                      {t('deskReports.columns.accepted')}
                    </th>
                    <th scope="col" rowSpan={2}>
                      {t('deskReports.columns.answered')}
                    </th>
                    <th scope="col" rowSpan={2}>
                      {t('deskReports.columns.answeredLate')}
                    </th>
                    <th scope="col" rowSpan={2}>
                      {t('deskReports.columns.pending')}
                    </th>
                    <th scope="col" rowSpan={2}>
                      {t('deskReports.columns.overdue')}
                    </th>
                    <th scope="colgroup" colSpan={3}>
                      {t('deskReports.columns.working')}
                    </th>
                    <th scope="colgroup" colSpan={3}>
                      {t('deskReports.columns.calendar')}
                    </th>
                  </tr>
                  <tr>
                    {[0, 1].flatMap((i) =>
                      (['mean', 'p50', 'p90'] as const).map((s) => (
                        <th key={`${i}-${s}`} scope="col">
                          {t(`deskReports.columns.${s}`)}
                        </th>
                      )),
                    )}
                  </tr>
                </thead>
                <tbody>
                  {[
                    ...data.rows.map((r) => ({ ...r, title: name(r) })),
                    { ...total, key: 'total', title: t('deskReports.columns.total') },
                  ].map((r) => (
                    <tr key={r.key} className={r.key === 'total' ? 'data-table__total' : undefined}>
                      <th scope="row">{r.title}</th>
                      <td>{n(r.accepted)}</td>
                      <td>{n(r.answered)}</td>
                      <td>{n(r.answeredLate)}</td>
                      <td>{n(r.pending)}</td>
                      <td>{n(r.overdue)}</td>
                      <td>{n(r.workingDays.mean)}</td>
                      <td>{n(r.workingDays.p50)}</td>
                      <td>{n(r.workingDays.p90)}</td>
                      <td>{n(r.calendarDays.mean)}</td>
                      <td>{n(r.calendarDays.p50)}</td>
                      <td>{n(r.calendarDays.p90)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </>
  );
}
