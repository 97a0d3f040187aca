import { SCORECARD_CRITERIA } from '@dargah/contracts';
import { toJalali } from '@dargah/persian';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { Field } from '../../../components/Field';
import { InboxIcon } from '../../../components/icons';
import { PageHeader } from '../../../components/PageHeader';
import { QueryStates } from '../../../components/QueryStates';
import { useFormat } from '../../../lib/format';
import { scorecardExportUrl, scorecardQuery, type DeskScorecard, type ScorecardFilters, type ScorecardRow } from '../api';

const FIRST_YEAR = 1390;
const INITIAL: ScorecardFilters = { year: '', province: '' };
type Sort = 'total' | 'name';

/** /staff/desk-scorecard: ten desk criteria per agency (agency administrators: theirs; central roles: all, and provinces). */
export function DeskScorecardPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [draft, setDraft] = useState<ScorecardFilters>(INITIAL);
  const [filters, setFilters] = useState<ScorecardFilters>(INITIAL);
  const card = useQuery({ ...scorecardQuery(filters), placeholderData: (prev) => prev });
  const thisYear = toJalali(new Date()).jy;
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
  };
  return (
    <div className="stack-lg">
      <PageHeader title={t('deskScorecard.title')} lead={t('deskScorecard.lead')} />
      <section className="card stack" aria-labelledby="scorecard-filters">
        <h2 id="scorecard-filters" className="card__title">
          {t('deskScorecard.filters.title')}
        </h2>
        <form className="dreport-filters" onSubmit={apply}>
          <Field id="scorecard-year" label={t('deskScorecard.filters.year')}>
            {(p) => (
              <select {...p} className="input" value={draft.year} onChange={(e) => setDraft((d) => ({ ...d, year: e.target.value }))}>
                {years.map((y, i) => (
                  <option key={y} value={i === 0 ? '' : String(y)}>
                    {f.digits(y)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="scorecard-province" label={t('deskScorecard.filters.province')} help={t('deskScorecard.filters.provinceHint')}>
            {(p) => <input {...p} className="input" maxLength={100} value={draft.province} onChange={(e) => setDraft((d) => ({ ...d, province: e.target.value }))} />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button">
              {t('deskScorecard.filters.apply')}
            </button>
          </div>
        </form>
      </section>
      <QueryStates query={card}>{(data) => <Scorecard data={data} filters={filters} />}</QueryStates>
    </div>
  );
}

function Scorecard({ data, filters }: { data: DeskScorecard; filters: ScorecardFilters }) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<Sort>('total');
  const collator = new Intl.Collator(useFormat().lang);
  const sorted = (rows: ScorecardRow[]) =>
    [...rows].sort((x, y) => (sort === 'total' ? (y.total ?? -1) - (x.total ?? -1) : 0) || collator.compare(x.name, y.name));
  return (
    <>
      <section className="card stack" aria-labelledby="scorecard-agencies">
        <h2 id="scorecard-agencies" className="card__title">
          {t('deskScorecard.agencies')}
        </h2>
        <div className="dreport-export" role="group" aria-label={t('deskScorecard.export.title')}>
          <a className="button button--secondary" href={scorecardExportUrl(filters, 'csv')} download>
            {t('deskScorecard.export.csv')}
          </a>
          <a className="button button--secondary" href={scorecardExportUrl(filters, 'xlsx')} download>
            {t('deskScorecard.export.xlsx')}
          </a>
        </div>
        {data.agencies.length === 0 ? (
          <EmptyState title={t('deskScorecard.empty')} headingLevel={3} icon={<InboxIcon />} />
        ) : (
          <Table id="scorecard-agencies-table" caption={t('deskScorecard.agencies')} rows={sorted(data.agencies)} total={data.total} sort={sort} onSort={setSort} />
        )}
      </section>
      {data.provinces.length > 0 ? (
        <section className="card stack" aria-labelledby="scorecard-provinces">
          <h2 id="scorecard-provinces" className="card__title">
            {t('deskScorecard.provinces')}
          </h2>
          <Table id="scorecard-provinces-table" caption={t('deskScorecard.provinces')} rows={sorted(data.provinces)} total={data.total} sort={sort} onSort={setSort} />
        </section>
      ) : null}
      <section className="card stack" aria-labelledby="scorecard-definitions">
        <h2 id="scorecard-definitions" className="card__title">
          {t('deskScorecard.definitions')}
        </h2>
        <dl className="stack">
          {data.total.criteria.map((c) => (
            <div key={c.criterion}>
              <dt>
                <strong>{t(`deskScorecard.criteria.${c.criterion}`)}</strong>
              </dt>
              <dd>{c.evidence}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}

function Table(props: { id: string; caption: string; rows: ScorecardRow[]; total: ScorecardRow; sort: Sort; onSort: (s: Sort) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const pct = (v: number | null) => (v === null ? null : f.number(v, { style: 'percent', maximumFractionDigits: 1 }));
  const sortHeader = (key: Sort, label: string, hint: string) => (
    <th scope="col" aria-sort={props.sort === key ? (key === 'total' ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="button button--ghost" onClick={() => props.onSort(key)} title={hint}>
        {label}
      </button>
    </th>
  );
  const line = (r: ScorecardRow, isTotal = false) => (
    <tr key={r.key} className={isTotal ? 'data-table__total' : undefined}>
      <th scope="row">{r.name}</th>
      {r.criteria.map((c) => (
        <td key={c.criterion} title={c.note ?? undefined}>
          {c.value === null ? (
            <span aria-label={t('deskScorecard.notMeasured')}>—</span>
          ) : (
            <>
              {pct(c.value)}
              <br />
              <small className="text-muted">
                {f.number(c.numerator)}/{f.number(c.denominator)}
              </small>
            </>
          )}
        </td>
      ))}
      <td>
        <strong>{pct(r.total) ?? '—'}</strong>
        <br />
        <small className="text-muted">{t('deskScorecard.measured', { n: f.digits(r.measured) })}</small>
      </td>
    </tr>
  );
  return (
    <div className="dreport-scroll" tabIndex={0} role="region" aria-labelledby={`${props.id}-caption`}>
      <table className="data-table">
        <caption id={`${props.id}-caption`} className="visually-hidden">
          {props.caption}
        </caption>
        <thead>
          <tr>
            {sortHeader('name', t('deskScorecard.name'), t('deskScorecard.sortName'))}
            {SCORECARD_CRITERIA.map((c) => (
              <th key={c} scope="col">
                {t(`deskScorecard.criteria.${c}`)}
              </th>
            ))}
            {sortHeader('total', t('deskScorecard.total'), t('deskScorecard.sortTotal'))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => line(r))}
          {line({ ...props.total, name: t('deskScorecard.totalRow') }, true)}
        </tbody>
      </table>
    </div>
  );
}
