import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { serviceQuery } from '../../services/api';
import { displayAnswer, formModelFromSchema } from '../../services/formSchema';

/**
 * The answers given in a request's form, labelled with the service form's titles (the property
 * names while the service is loading or if it is gone) and choices shown by their labels.
 */
export function RequestAnswers({ serviceId, form }: { serviceId: string; form: Record<string, unknown> }) {
  const { t } = useTranslation();
  const service = useQuery(serviceQuery(serviceId));
  const fields = useMemo(() => formModelFromSchema(service.data?.formSchema).fields, [service.data]);
  const entries = Object.entries(form);
  if (entries.length === 0) return <p className="text-muted">{t('requests.answers.empty')}</p>;
  // The form's own order first, then anything the form no longer has.
  const order = new Map(fields.map((f, i) => [f.name, i]));
  entries.sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
  return (
    <dl className="facts answers">
      {entries.map(([name, value]) => {
        const field = fields.find((f) => f.name === name);
        const shown = displayAnswer(field, value);
        return (
          <div key={name} className="facts__row">
            <dt>{field?.label ?? name}</dt>
            <dd className="answers__value">
              {shown.isBoolean ? (value ? t('common.yes') : t('common.no')) : shown.text}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
