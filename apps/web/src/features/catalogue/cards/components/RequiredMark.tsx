import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * «*» after a mandatory field's label (the form's legend explains it). A control says it is required
 * itself (`aria-required`, a radio group by `required`), so its name stays the label; a group of
 * checkboxes cannot, so its legend also says it in words (`spoken`).
 */
export function RequiredMark({ spoken = false }: { spoken?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="cf-required" aria-hidden="true">
        {' *'}
      </span>
      {spoken ? <span className="visually-hidden"> {t('catalogueCards.form.requiredMark')}</span> : null}
    </>
  );
}

/** The label with its mark when the field is mandatory. */
export const marked = (label: ReactNode, required: boolean, spoken = false): ReactNode =>
  required ? (
    <>
      {label}
      <RequiredMark spoken={spoken} />
    </>
  ) : (
    label
  );
