import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { markCapabilitiesQuery, type ServiceMark } from '../api';

/**
 * «رسیدگی» for an open mark, offered only when the server says the reviewer may resolve it: not the
 * one who made it, nor a reviewer of the service's agency or of one above it (else a word why not).
 */
export function MarkResolveButton({ mark, onResolve }: { mark: ServiceMark; onResolve: () => void }) {
  const { t } = useTranslation();
  const may = useQuery(markCapabilitiesQuery(mark.id));
  if (!may.data) return null;
  if (!may.data.resolve) return <p className="text-muted">{t('catalogueArchitecture.marks.notYours')}</p>;
  return (
    <button
      id={`resolve-${mark.id}`}
      type="button"
      className="button button--secondary button--small"
      aria-label={t('catalogueArchitecture.marks.resolveOf', { title: mark.service.title })}
      onClick={onResolve}
    >
      {t('catalogueArchitecture.marks.resolve')}
    </button>
  );
}
