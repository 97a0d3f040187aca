import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertIcon } from '../../../components/icons';
import { api } from '../../../lib/api';
import type { PublicAgency } from '../../../lib/contracts';
import { hasRole, useSession } from '../../identity';
import { FILTER_KEYS, hasFilters, type AuditSearch } from '../api';

const publicAgenciesQuery = {
  queryKey: ['public', 'agencies'] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) => api.get<PublicAgency[]>('/agencies', { signal }),
  staleTime: 5 * 60_000,
};

interface Props {
  value: AuditSearch;
  onApply: (next: AuditSearch) => void;
  /** The server's word on a filter it could not read (`{ from: 'تاریخ شمسی معتبر نیست.' }`). */
  errors?: Record<string, string> | undefined;
}

/**
 * The audit log's filters, kept in the URL: agency (those the reader may see), actor, action,
 * object and period. Dates are typed as Jalali or ISO days; the server reads either, in any digits.
 */
export function AuditFilters({ value, onApply, errors = {} }: Props) {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const id = useId();
  const [draft, setDraft] = useState<AuditSearch>(value);
  const agencies = useQuery(publicAgenciesQuery);
  // Auditors and platform administrators read every agency's entries; an agency administrator their own.
  const readsAll = hasRole(session, ['oversight_auditor', 'platform_admin']);
  const mine = new Set((session?.roles ?? []).filter((g) => g.role === 'agency_admin').map((g) => g.agencyId));
  const options = (agencies.data ?? []).filter((a) => readsAll || mine.has(a.id));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: AuditSearch = {};
    for (const k of FILTER_KEYS) if (draft[k]?.trim()) next[k] = draft[k].trim();
    onApply(next);
  };
  const field = (key: Exclude<keyof AuditSearch, 'agencyId'>, help?: string) => {
    const error = errors[key];
    const describedBy = [help ? `${id}-${key}-help` : '', error ? `${id}-${key}-error` : ''].filter(Boolean).join(' ');
    return (
      <div className="field" data-invalid={error ? true : undefined}>
        <label htmlFor={`${id}-${key}`} className="field__label">
          {t(`audit.filters.${key}`)}
        </label>
        {help ? (
          <p id={`${id}-${key}-help`} className="field__help">
            {help}
          </p>
        ) : null}
        {error ? (
          <p id={`${id}-${key}-error`} className="field__error">
            <AlertIcon />
            <span>{error}</span>
          </p>
        ) : null}
        <input
          id={`${id}-${key}`}
          name={key}
          className="input"
          dir={key === 'from' || key === 'to' ? 'auto' : 'ltr'}
          value={draft[key] ?? ''}
          onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
          {...(describedBy ? { 'aria-describedby': describedBy } : {})}
          {...(error ? { 'aria-invalid': true } : {})}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
    );
  };

  return (
    <form className="card stack no-print" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`} className="card__title">
        {t('audit.filters.title')}
      </h2>
      <div className="filter-grid">
        <div className="field">
          <label htmlFor={`${id}-agency`} className="field__label">
            {t('audit.filters.agency')}
          </label>
          <select
            id={`${id}-agency`}
            className="input"
            value={draft.agencyId ?? ''}
            onChange={(event) => setDraft({ ...draft, agencyId: event.target.value || undefined })}
          >
            <option value="">{t('audit.filters.allAgencies')}</option>
            {options.map((a) => (
              <option key={a.id} value={a.id}>
                {i18n.language === 'en' && a.nameEn ? a.nameEn : a.nameFa}
              </option>
            ))}
          </select>
        </div>
        {field('actor', t('audit.filters.actorHelp'))}
        {field('action', t('audit.filters.actionHelp'))}
        {field('objectType', t('audit.filters.objectTypeHelp'))}
        {field('objectId')}
        {field('from', t('audit.filters.dateHelp'))}
        {field('to', t('audit.filters.dateHelp'))}
      </div>
      <div className="toolbar">
        <button type="submit" className="button">
          {t('audit.filters.apply')}
        </button>
        {hasFilters(value) ? (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => {
              setDraft({});
              onApply({});
            }}
          >
            {t('audit.filters.clear')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
