import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, Field } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { QueryStates } from '../../../components/QueryStates';
import { useFormat } from '../../../lib/format';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { MARK_KINDS, architectureKey, createMark, searchServices, type FoundService, type MarkKind } from '../api';
import { SubmitButton } from '../../../components/SubmitButton';
import { useSection } from './useSection';

// Marking a service ------------------------------------------------------------------------------
/** Finds an approved service through the public catalogue search and picks one. */
export function ServicePicker({
  id,
  label,
  help,
  error,
  value,
  onChange,
}: {
  id: string;
  label: string;
  help?: string;
  error?: string | undefined;
  value: FoundService | undefined;
  onChange: (s: FoundService | undefined) => void;
}) {
  const format = useFormat();
  const k = useSection('markForm');
  const [q, setQ] = useState('');
  const search = useMutation({ mutationFn: (text: string) => searchServices(text) });
  const run = () => {
    if (q.trim()) search.mutate(q.trim());
  };
  if (value)
    return (
      <div className="field">
        <p className="field__label">{label}</p>
        <p id={id} tabIndex={-1}>
          {k('chosen', { title: value.title, id: format.digits(value.serviceId) })} — {value.agency.name}{' '}
          <button
            type="button"
            className="button button--ghost button--small"
            aria-label={`${k('change')}: ${label}`}
            onClick={() => {
              onChange(undefined);
              requestAnimationFrame(() => document.getElementById(id)?.focus());
            }}
          >
            {k('change')}
          </button>
        </p>
      </div>
    );
  const resultsLabel = k('results', { what: label });
  return (
    <div className="stack architecture__picker">
      <Field id={id} name={id} label={`${label} — ${k('search')}`} help={help} error={error} required>
        {(props) => (
          <div className="architecture__search">
            <input
              {...props}
              type="search"
              className="input"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  run();
                }
              }}
            />
            <button
              type="button"
              className="button button--secondary"
              aria-label={k('searchButtonOf', { what: label })}
              onClick={run}
            >
              {k('searchButton')}
            </button>
          </div>
        )}
      </Field>
      {/* Nothing until the first search; «try again» searches again. */}
      {search.isIdle ? null : (
        <QueryStates
          query={{ ...search, refetch: run }}
          isEmpty={(found) => found.items.length === 0}
          empty={<p role="status">{k('noResults')}</p>}
        >
          {(found) => (
            <ul className="architecture__results" aria-label={resultsLabel}>
              {found.items.map((s) => (
                <li key={s.serviceId}>
                  <button type="button" className="button button--ghost button--small" onClick={() => onChange(s)}>
                    {s.title}
                  </button>{' '}
                  <span className="text-muted">
                    {s.agency.name} · <bdi dir="ltr">{format.digits(s.serviceId)}</bdi>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </QueryStates>
      )}
    </div>
  );
}

export function MarkFormSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const k = useSection('markForm');
  const [service, setService] = useState<FoundService>();
  const [related, setRelated] = useState<FoundService>();
  const [kind, setKind] = useState<MarkKind>('duplicate');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState(false);
  const [pickers, setPickers] = useState(0);
  const needsRelated = kind !== 'removable';
  const problems = {
    service: service ? undefined : k('serviceRequired'),
    related: !needsRelated
      ? undefined
      : !related
        ? k('relatedRequired')
        : related.serviceId === service?.serviceId
          ? k('relatedSame')
          : undefined,
  };
  // A retry of the same mark reuses its key, so the service is never marked twice.
  const keys = useRef(createSubmissionKeys()).current;
  const save = useMutation({
    mutationFn: () => {
      const body = {
        serviceId: service!.serviceId,
        kind,
        ...(needsRelated && related ? { relatedServiceId: related.serviceId } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      };
      return createMark(body, keys.keyFor(body));
    },
    onSuccess: async () => {
      keys.reset();
      await queryClient.invalidateQueries({ queryKey: architectureKey });
      setService(undefined);
      setRelated(undefined);
      setNote('');
      setTried(false);
      setDone(true);
      setPickers((n) => n + 1);
    },
  });
  const summary = tried
    ? [
        ...(problems.service ? [{ field: 'mark-service', label: k('service'), message: problems.service }] : []),
        ...(problems.related ? [{ field: 'mark-related', label: k('related'), message: problems.related }] : []),
      ]
    : [];
  return (
    <section className="card stack" aria-labelledby="mark-form-title">
      <div className="card__header">
        <h2 id="mark-form-title" className="card__title">
          {k('title')}
        </h2>
      </div>
      <p className="text-muted">{k('lead')}</p>
      {done ? (
        <Notice tone="success" role="status">
          <p>{k('created')}</p>
        </Notice>
      ) : null}
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          setDone(false);
          const first = problems.service ? 'mark-service' : problems.related ? 'mark-related' : undefined;
          if (first) document.getElementById(first)?.focus();
          else if (!save.isPending) save.mutate();
        }}
      >
        <ErrorSummary id="mark-errors" errors={summary} />
        {save.isError ? <ErrorNotice error={save.error} /> : null}
        <ServicePicker
          key={`s${pickers}`}
          id="mark-service"
          label={k('service')}
          error={tried ? problems.service : undefined}
          value={service}
          onChange={setService}
        />
        <Field id="mark-kind" label={k('kind')} required>
          {(props) => (
            <select {...props} className="input" value={kind} onChange={(e) => setKind(e.target.value as MarkKind)}>
              {MARK_KINDS.map((x) => (
                <option key={x} value={x}>
                  {t(`catalogueArchitecture.kinds.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {needsRelated ? (
          <ServicePicker
            key={`r${pickers}`}
            id="mark-related"
            label={k('related')}
            help={k('relatedHelp')}
            error={tried ? problems.related : undefined}
            value={related}
            onChange={setRelated}
          />
        ) : null}
        <Field id="mark-note" label={k('note')}>
          {(props) => (
            <textarea {...props} className="input" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          )}
        </Field>
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{k('submit')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}
