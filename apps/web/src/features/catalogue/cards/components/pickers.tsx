import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Fieldset } from '../../../../components/Field';
import type { OrgUnit } from '../../../../lib/contracts';
import { useFormat } from '../../../../lib/format';
import { inTreeOrder } from '../../../../lib/tree';
import type { Law } from '../api';
import { emptyLawRef, fieldId, type LawRefRow } from '../cardForm';
import { RepeatGroup, SelectField, getAt, useCardForm } from './fields';

/** Articles of registered laws: each row a law from the register and one of its articles. */
export function LawRefsField({
  path,
  legend,
  help,
  laws,
}: {
  path: string;
  legend: ReactNode;
  help?: ReactNode;
  laws: readonly Law[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { form } = useCardForm();
  const rows = (getAt(form, path) as LawRefRow[] | undefined) ?? [];
  const lawOptions = laws.map((l) => ({ value: l.id, label: l.number ? `${l.title} (${l.number})` : l.title }));
  return (
    <RepeatGroup
      path={path}
      legend={legend}
      help={
        <>
          {help}
          {laws.length === 0 ? <span className="cf-hint"> {t('catalogueCards.field.noLaws')}</span> : null}
        </>
      }
      rows={rows}
      itemLabel={(n) => t('catalogueCards.field.lawRef', { n: format.number(n) })}
      addLabel={t('catalogueCards.field.addLawRef')}
      make={emptyLawRef}
    >
      {(row, _index, rowPath) => {
        const law = laws.find((l) => l.id === row.lawId);
        return (
          <div className="form-grid">
            <SelectField path={`${rowPath}.lawId`} label={t('catalogueTerms.field.law')} options={lawOptions} />
            <SelectField
              path={`${rowPath}.article`}
              label={t('catalogueTerms.field.article')}
              disabled={!law}
              placeholder={law ? undefined : t('catalogueCards.field.chooseLawFirst')}
              options={(law?.articles ?? []).map((a) => ({
                value: a.number,
                label: `${format.digits(a.number)} — ${a.text.length > 60 ? `${a.text.slice(0, 60)}…` : a.text}`,
              }))}
            />
          </div>
        );
      }}
    </RepeatGroup>
  );
}

/** Units of the agency's tree as checkboxes, indented by depth. */
export function UnitsField({
  path,
  legend,
  help,
  units,
}: {
  path: string;
  legend: ReactNode;
  help?: ReactNode;
  units: readonly OrgUnit[];
}) {
  const { t, i18n } = useTranslation();
  const { form, update, errorAt } = useCardForm();
  const selected = (getAt(form, path) as string[] | undefined) ?? [];
  const ordered = inTreeOrder(units);
  const byId = new Map(units.map((u) => [u.id, u]));
  const depthOf = (u: OrgUnit) => {
    let d = 0;
    let p = u.parentId ? byId.get(u.parentId) : undefined;
    while (p && d < 10) {
      d += 1;
      p = p.parentId ? byId.get(p.parentId) : undefined;
    }
    return d;
  };
  const id = fieldId(path);
  return (
    <Fieldset id={id} legend={legend} help={help} error={errorAt(path)}>
      {(describedBy) =>
        ordered.length === 0 ? (
          <p className="text-muted">{t('catalogueCards.field.noUnits')}</p>
        ) : (
          <div className="radios">
            {ordered.map((u, i) => (
              <label
                key={u.id}
                className="check"
                htmlFor={`${id}-${i}`}
                style={{ paddingInlineStart: `${depthOf(u) * 1.25}rem` }}
              >
                <input
                  id={`${id}-${i}`}
                  type="checkbox"
                  checked={selected.includes(u.id)}
                  aria-describedby={describedBy}
                  onChange={(e) =>
                    update(path, e.target.checked ? [...selected, u.id] : selected.filter((x) => x !== u.id))
                  }
                />
                <span>{i18n.language === 'en' && u.nameEn ? u.nameEn : u.nameFa}</span>
              </label>
            ))}
          </div>
        )
      }
    </Fieldset>
  );
}
