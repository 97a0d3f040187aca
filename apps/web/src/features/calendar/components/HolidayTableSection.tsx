import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { Notice, ErrorNotice } from '../../../components/Notice';
import { QueryStates } from '../../../components/QueryStates';
import { SubmitButton } from '../../../components/SubmitButton';
import { UserText } from '../../../components/UserText';
import { ClockIcon, InfoIcon } from '../../../components/icons';
import { ApiError } from '../../../lib/api';
import { fieldProblemsOf } from '../../../lib/fieldErrors';
import { useFormat } from '../../../lib/format';
import { HOLIDAY_KINDS, holidayTableQuery, publishTable, type HolidayDraft, type HolidayTable } from '../api';
import { HolidayImport } from './HolidayImport';

/** The year's table: read by everyone; edited whole and published by the central organisation. */
export function HolidayTableSection({ year, canPublish }: { year: number; canPublish: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery(holidayTableQuery(year));
  const [editing, setEditing] = useState<HolidayDraft[] | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const titleId = useId();

  return (
    <section className="card stack" aria-labelledby={titleId}>
      <div className="card__header">
        <h2 id={titleId} className="card__title">
          {t('calendar.table.title', { year: format.digits(year) })}
        </h2>
      </div>
      {done ? <Notice tone="success" role="status">{done}</Notice> : null}
      <QueryStates query={query}>
        {(table) =>
          editing ? (
            <TableEditor
              table={table}
              draft={editing}
              onChange={setEditing}
              onDone={(message) => {
                setEditing(null);
                setDone(message);
              }}
            />
          ) : (
            <div className="stack">
              <p>
                {table.published && table.publishedAt
                  ? t('calendar.table.published', { at: format.date(table.publishedAt), version: format.digits(table.version) })
                  : null}
              </p>
              {!table.published ? (
                <EmptyState icon={<InfoIcon />} title={t('calendar.table.notPublished')}>
                  <p>{t('calendar.table.notPublishedBody')}</p>
                </EmptyState>
              ) : table.holidays.length === 0 ? (
                <EmptyState icon={<ClockIcon />} title={t('calendar.table.empty')} />
              ) : (
                <HolidayList table={table} />
              )}
              {canPublish ? (
                <div className="form-actions">
                  <button
                    type="button"
                    className="button button--primary"
                    onClick={() => {
                      setDone(null);
                      setEditing(table.holidays.map((h) => ({ date: h.date, titleFa: h.titleFa, titleEn: h.titleEn ?? '', kind: h.kind })));
                    }}
                  >
                    {t('calendar.table.edit')}
                  </button>
                </div>
              ) : null}
              {canPublish ? <HolidayImport year={year} version={table.version} onDone={setDone} /> : null}
            </div>
          )
        }
      </QueryStates>
    </section>
  );
}

function HolidayList({ table }: { table: HolidayTable }) {
  const { t } = useTranslation();
  const format = useFormat();
  const captionId = useId();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className="data-table">
        <caption id={captionId} className="visually-hidden">
          {t('calendar.table.title', { year: format.digits(table.year) })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('calendar.table.date')}</th>
            <th scope="col">{t('calendar.table.titleFa')}</th>
            <th scope="col">{t('calendar.table.kind')}</th>
          </tr>
        </thead>
        <tbody>
          {table.holidays.map((h) => (
            <tr key={h.date}>
              <td>{format.jalaliDay(h.date, { weekday: true })}</td>
              <td>
                <UserText>{format.lang === 'en' && h.titleEn ? h.titleEn : h.titleFa}</UserText>
              </td>
              <td>{t(`calendar.kind.${h.kind}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The whole table as editable rows; the server names each bad cell (body.holidays.<row>.<field>). */
function TableEditor({
  table,
  draft,
  onChange,
  onDone,
}: {
  table: HolidayTable;
  draft: HolidayDraft[];
  onChange: (d: HolidayDraft[]) => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: () => publishTable(table.year, table.version, draft),
    onSuccess: (next) => {
      client.setQueryData(holidayTableQuery(table.year).queryKey, next);
      onDone(t('calendar.table.publishedNotice', { year: format.digits(table.year) }));
    },
  });
  const problems = new Map(fieldProblemsOf(save.error).map((p) => [p.field.replace(/^body\.holidays\./, ''), p.message]));
  const errorOf = (i: number, field: keyof HolidayDraft) => problems.get(`${i}.${field}`);
  const set = (i: number, patch: Partial<HolidayDraft>) => onChange(draft.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  const conflict = save.error instanceof ApiError && save.error.code === 'CONFLICT';

  return (
    <form
      className="stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!save.isPending) save.mutate();
      }}
    >
      {save.isError ? (
        conflict ? (
          <Notice tone="danger" role="alert" title={t('calendar.table.refused')}>
            {t('calendar.table.conflict')}
          </Notice>
        ) : (
          <ErrorNotice error={save.error} title={t('calendar.table.refused')} />
        )
      ) : null}
      <ol className="stack">
        {draft.map((h, i) => {
          const row = t('calendar.table.row', { n: format.digits(i + 1) });
          const field = (name: keyof HolidayDraft) => ({
            id: `holiday-${i}-${name}`,
            'aria-invalid': errorOf(i, name) ? (true as const) : undefined,
            'aria-describedby': errorOf(i, name) ? `holiday-${i}-${name}-error` : undefined,
          });
          const error = (name: keyof HolidayDraft) =>
            errorOf(i, name) ? (
              <p id={`holiday-${i}-${name}-error`} className="field__error">
                {errorOf(i, name)}
              </p>
            ) : null;
          return (
            <li key={i} className="subpanel">
              <fieldset className="form-grid">
                <legend>{row}</legend>
                <div className="field">
                  <label htmlFor={`holiday-${i}-date`}>{t('calendar.table.date')}</label>
                  <input
                    {...field('date')}
                    className="input"
                    dir="ltr"
                    inputMode="numeric"
                    placeholder={t('calendar.table.datePlaceholder')}
                    value={h.date}
                    onChange={(e) => set(i, { date: e.target.value })}
                  />
                  {error('date')}
                </div>
                <div className="field">
                  <label htmlFor={`holiday-${i}-titleFa`}>{t('calendar.table.titleFa')}</label>
                  <input {...field('titleFa')} className="input" value={h.titleFa} maxLength={200} onChange={(e) => set(i, { titleFa: e.target.value })} />
                  {error('titleFa')}
                </div>
                <div className="field">
                  <label htmlFor={`holiday-${i}-titleEn`}>{t('calendar.table.titleEn')}</label>
                  <input {...field('titleEn')} className="input" lang="en" dir="ltr" value={h.titleEn} maxLength={200} onChange={(e) => set(i, { titleEn: e.target.value })} />
                  {error('titleEn')}
                </div>
                <div className="field">
                  <label htmlFor={`holiday-${i}-kind`}>{t('calendar.table.kind')}</label>
                  <select {...field('kind')} className="input" value={h.kind} onChange={(e) => set(i, { kind: e.target.value as HolidayDraft['kind'] })}>
                    {HOLIDAY_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`calendar.kind.${k}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="form-actions">
                  <button
                    type="button"
                    className="button button--ghost"
                    aria-label={`${t('calendar.table.remove')} (${row})`}
                    onClick={() => onChange(draft.filter((_, j) => j !== i))}
                  >
                    {t('calendar.table.remove')}
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="form-actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onChange([...draft, { date: `${table.year}/`, titleFa: '', titleEn: '', kind: 'lunar' }])}
        >
          {t('calendar.table.add')}
        </button>
        <SubmitButton pending={save.isPending}>{t('calendar.table.publish')}</SubmitButton>
        <button type="button" className="button button--ghost" onClick={() => onDone('')}>
          {t('calendar.table.cancel')}
        </button>
      </div>
    </form>
  );
}
