import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { useFormat } from '../../../lib/format';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { submitYearlyReport, type PublicAgency } from '../api';
import { SubmitButton } from '../../../components/SubmitButton';

interface Row {
  key: number;
  title: string;
  count: string;
  serviceId: string;
}

const toAscii = (s: string) => s.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d))).trim();
let nextKey = 1;
const blank = (): Row => ({ key: nextKey++, title: '', count: '', serviceId: '' });

/** A provincial or county office's administrator submits the services delivered in a Jalali year. */
export function YearlyReportForm({ offices }: { offices: PublicAgency[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const [agencyId, setAgencyId] = useState(offices[0]?.id ?? '');
  const [year, setYear] = useState('');
  const [rows, setRows] = useState<Row[]>([blank()]);
  // A retry of the same submission reuses its key, so the report is never submitted twice.
  const keys = useRef(createSubmissionKeys()).current;
  const save = useMutation({
    mutationFn: () => {
      const body = {
        agencyId,
        year: Number(toAscii(year)),
        rows: rows.map((r) => ({
          title: r.title.trim(),
          deliveredCount: Number(toAscii(r.count) || '0'),
          ...(r.serviceId.trim() ? { serviceId: toAscii(r.serviceId) } : {}),
        })),
      };
      return submitYearlyReport(body, keys.keyFor(body));
    },
    onSuccess: async () => {
      keys.reset();
      await queryClient.invalidateQueries({ queryKey: ['catalogue-reports'] });
      setRows([blank()]);
    },
  });
  const update = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <section className="card stack" aria-labelledby="dreport-yearly">
      <h2 id="dreport-yearly" className="card__title">
        {t('catalogueReports.yearly.title')}
      </h2>
      <p className="text-muted">{t('catalogueReports.yearly.lead')}</p>
      {save.isSuccess ? (
        <Notice tone="success" role="status">
          <p>
            {t('catalogueReports.yearly.submitted', {
              year: f.digits(save.data.year),
              rows: f.number(save.data.rows.length),
            })}
          </p>
        </Notice>
      ) : null}
      {save.isError ? <ErrorNotice error={save.error} /> : null}
      <form className="stack" onSubmit={submit}>
        <div className="form-grid">
          <Field id="dreport-yearly-agency" label={t('catalogueReports.yearly.agency')} required>
            {(p) => (
              <select {...p} className="input" value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
                {offices.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.nameFa}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="dreport-yearly-year" label={t('catalogueReports.yearly.year')} required>
            {(p) => (
              <input
                {...p}
                className="input"
                dir="ltr"
                inputMode="numeric"
                value={year}
                onChange={(e) => setYear(e.target.value)}
                placeholder="1403"
              />
            )}
          </Field>
        </div>
        {rows.map((r, i) => (
          <fieldset key={r.key} className="dreport-row">
            <legend className="visually-hidden">{t('catalogueReports.yearly.rowTitle', { n: f.number(i + 1) })}</legend>
            <Field
              id={`dreport-row-${r.key}-title`}
              label={t('catalogueReports.yearly.rowTitle', { n: f.number(i + 1) })}
              required
            >
              {(p) => (
                <input
                  {...p}
                  className="input"
                  value={r.title}
                  onChange={(e) => update(r.key, { title: e.target.value })}
                />
              )}
            </Field>
            <Field
              id={`dreport-row-${r.key}-count`}
              label={t('catalogueReports.yearly.rowCount', { n: f.number(i + 1) })}
              required
            >
              {(p) => (
                <input
                  {...p}
                  className="input"
                  dir="ltr"
                  inputMode="numeric"
                  value={r.count}
                  onChange={(e) => update(r.key, { count: e.target.value })}
                />
              )}
            </Field>
            <Field
              id={`dreport-row-${r.key}-sid`}
              label={t('catalogueReports.yearly.rowServiceId', { n: f.number(i + 1) })}
            >
              {(p) => (
                <input
                  {...p}
                  className="input"
                  dir="ltr"
                  inputMode="numeric"
                  value={r.serviceId}
                  onChange={(e) => update(r.key, { serviceId: e.target.value })}
                />
              )}
            </Field>
            {rows.length > 1 ? (
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
              >
                {t('catalogueReports.yearly.removeRow', { n: f.number(i + 1) })}
              </button>
            ) : null}
          </fieldset>
        ))}
        <div className="form-actions">
          <button type="button" className="button button--secondary" onClick={() => setRows((rs) => [...rs, blank()])}>
            {t('catalogueReports.yearly.addRow')}
          </button>
          <SubmitButton pending={save.isPending}>{t('catalogueReports.yearly.submit')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}
