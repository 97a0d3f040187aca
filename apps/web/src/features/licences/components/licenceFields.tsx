import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Fieldset } from '../../../components/Field';
import { useFormat } from '../../../lib/format';
import type { Law } from '../../laws';
import type { Ref } from './licenceValues';

/** Articles of registered laws, one row each (law, then one of its articles), with add and remove. */
export function LawRefsField({
  id,
  legend,
  required,
  error,
  rows,
  laws,
  onChange,
}: {
  id: string;
  legend: string;
  required: boolean;
  error: string | undefined;
  rows: readonly Ref[];
  laws: readonly Law[];
  onChange: (rows: Ref[]) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Fieldset id={id} legend={legend} required={required} error={error}>
      {(describedBy) => (
        <div className="stack">
          {rows.map((r, i) => {
            const law = laws.find((l) => l.id === r.lawId);
            const row = (patch: Partial<Ref>) => onChange(rows.map((x, j) => (j === i ? { ...x, ...patch } : x)));
            const n = format.number(i + 1);
            return (
              <div key={i} className="licence-row">
                <select
                  className="input"
                  aria-label={t('licences.form.lawOf', { n })}
                  aria-describedby={describedBy}
                  value={r.lawId}
                  onChange={(e) => row({ lawId: e.target.value, article: '' })}
                >
                  <option value="">{t('licences.form.chooseLaw')}</option>
                  {laws.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.title}
                    </option>
                  ))}
                </select>
                <select
                  className="input"
                  aria-label={t('licences.form.articleOf', { n })}
                  value={r.article}
                  onChange={(e) => row({ article: e.target.value })}
                >
                  <option value="">{t('licences.form.chooseArticle')}</option>
                  {law?.articles.map((a) => (
                    <option key={a.number} value={a.number}>
                      {t('licences.form.article', { n: format.digits(a.number) })}
                    </option>
                  ))}
                </select>
                <RemoveButton
                  label={t('licences.form.removeRow', { n })}
                  onClick={() => onChange(rows.filter((_, j) => j !== i))}
                />
              </div>
            );
          })}
          <AddButton onClick={() => onChange([...rows, { lawId: '', article: '' }])}>
            {t('licences.form.addArticle')}
          </AddButton>
        </div>
      )}
    </Fieldset>
  );
}

export function AddButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <div>
      <button type="button" className="button button--ghost button--small" onClick={onClick}>
        {children}
      </button>
    </div>
  );
}

export function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button button--ghost button--small" aria-label={label} onClick={onClick}>
      {t('licences.form.remove')}
    </button>
  );
}
