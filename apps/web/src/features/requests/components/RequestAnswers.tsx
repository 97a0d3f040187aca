import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { serviceQuery } from '../../services';
import { displayAnswer, formModelFromSchema } from '../../services';

/**
 * The answers given in a request's form, labelled with the service form's titles (the property
 * names while the service is loading or if it is gone) and choices shown by their labels. Numbers
 * and codes are shown in the reader's digits; free text keeps its own direction (`dir="auto"`).
 */
export function RequestAnswers({ serviceId, form }: { serviceId: string; form: Record<string, unknown> }) {
  const { t } = useTranslation();
  const format = useFormat();
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
        const shown = displayAnswer(field, value, format.digits);
        return (
          <div key={name} className="facts__row">
            <dt>
              <bdi>{field?.label ?? name}</bdi>
            </dt>
            {shown.code ? (
              <dd className="answers__value">
                <bdi dir="ltr">{shown.text}</bdi>
              </dd>
            ) : (
              // Free text keeps its own direction; numbers and yes/no follow the page (digits alone have none).
              <dd className="answers__value" dir={typeof value === 'string' ? 'auto' : undefined}>
                {shown.isBoolean ? (value ? t('common.yes') : t('common.no')) : shown.text}
              </dd>
            )}
          </div>
        );
      })}
    </dl>
  );
}
