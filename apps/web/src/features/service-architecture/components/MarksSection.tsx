import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';
import { SubmitButton } from '../../../components/SubmitButton';
import { EmptyState } from '../../../components/EmptyState';
import { Field } from '../../../components/Field';
import { LoadMoreButton } from '../../../components/LoadMoreButton';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { QueryStates } from '../../../components/QueryStates';
import { CompassIcon } from '../../../components/icons';
import { useFormat } from '../../../lib/format';
import { architectureKey, marksQuery, resolveMark, type MarkStatus, type ServiceMark } from '../api';
import { MarkResolveButton } from './MarkResolveButton';
import { useSection } from './useSection';

// Marks ------------------------------------------------------------------------------------------
export function MarksSection({ editor }: { editor: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const k = useSection('marks');
  const [status, setStatus] = useState<MarkStatus | undefined>('open');
  const marks = useInfiniteQuery(marksQuery(status));
  const [resolving, setResolving] = useState<ServiceMark>();
  const [done, setDone] = useState(false);
  const filterId = useId();
  const items = marks.data?.pages.flatMap((p) => p.items) ?? [];
  const serviceLine = (s: ServiceMark['service']) => (
    <>
      {s.title} <span className="text-muted">— {s.agency.name}</span>
      {s.serviceId ? (
        <>
          {' · '}
          <bdi dir="ltr">{format.digits(s.serviceId)}</bdi>
        </>
      ) : null}
    </>
  );

  const body = (
    <QueryStates
      query={marks}
      isEmpty={() => items.length === 0}
      empty={<EmptyState icon={<CompassIcon />} title={k('empty')} headingLevel={3} />}
    >
      {() => (
        <>
          <ul className="architecture__marks" aria-label={k('listLabel')}>
            {items.map((m) => (
              <li key={m.id} className="architecture__mark">
                <p>
                  <span className={`badge ${m.status === 'open' ? 'badge--warning' : 'badge--success'}`}>
                    {t(`catalogueArchitecture.statuses.${m.status}`)}
                  </span>{' '}
                  <strong>{t(`catalogueArchitecture.kinds.${m.kind}`)}</strong>
                </p>
                <dl className="facts">
                  <div className="facts__row">
                    <dt>{k('service')}</dt>
                    <dd>{serviceLine(m.service)}</dd>
                  </div>
                  {m.related ? (
                    <div className="facts__row">
                      <dt>{k('related')}</dt>
                      <dd>{serviceLine(m.related)}</dd>
                    </div>
                  ) : null}
                  {m.note ? (
                    <div className="facts__row">
                      <dt>{k('note')}</dt>
                      <dd>{m.note}</dd>
                    </div>
                  ) : null}
                  {m.resolutionNote ? (
                    <div className="facts__row">
                      <dt>{k('resolution')}</dt>
                      <dd>{m.resolutionNote}</dd>
                    </div>
                  ) : null}
                </dl>
                <p className="text-muted">
                  {k('by', { name: m.createdBy.name, date: format.date(m.createdAt) })}
                  {m.resolvedBy && m.resolvedAt
                    ? ` · ${k('resolvedBy', { name: m.resolvedBy.name, date: format.date(m.resolvedAt) })}`
                    : null}
                </p>
                {editor && m.status === 'open' ? (
                  <MarkResolveButton
                    mark={m}
                    onResolve={() => {
                      setDone(false);
                      setResolving(m);
                    }}
                  />
                ) : null}
              </li>
            ))}
          </ul>
          <LoadMoreButton query={marks} />
        </>
      )}
    </QueryStates>
  );

  return (
    <section className="card stack" aria-labelledby="marks-title">
      <div className="card__header">
        <h2 id="marks-title" className="card__title">
          {k('title')}
        </h2>
        <div className="architecture__filter">
          <label htmlFor={filterId}>{k('filter')}</label>
          <select
            id={filterId}
            className="input input--inline"
            value={status ?? 'all'}
            onChange={(e) => setStatus(e.target.value === 'all' ? undefined : (e.target.value as MarkStatus))}
          >
            <option value="open">{t('catalogueArchitecture.statuses.open')}</option>
            <option value="resolved">{t('catalogueArchitecture.statuses.resolved')}</option>
            <option value="all">{k('all')}</option>
          </select>
        </div>
      </div>
      {done ? (
        <Notice tone="success" role="status">
          <p>{k('resolved')}</p>
        </Notice>
      ) : null}
      {body}
      <ResolveDialog
        mark={resolving}
        onClose={(ok) => {
          const back = resolving ? `resolve-${resolving.id}` : undefined;
          setResolving(undefined);
          if (ok) {
            setDone(true);
            requestAnimationFrame(() => document.getElementById('marks-title')?.focus());
          } else if (back) requestAnimationFrame(() => document.getElementById(back)?.focus());
        }}
      />
    </section>
  );
}

export function ResolveDialog({ mark, onClose }: { mark: ServiceMark | undefined; onClose: (ok: boolean) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const k = useSection('marks');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const resolve = useMutation({
    mutationFn: (m: ServiceMark) => resolveMark(m.id, { version: m.version, note: note.trim() }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: architectureKey });
      finish(true);
    },
    onError: async () => {
      await queryClient.invalidateQueries({ queryKey: architectureKey });
    },
  });
  const finish = (ok: boolean) => {
    setNote('');
    setTried(false);
    resolve.reset();
    onClose(ok);
  };
  const error = tried && !note.trim() ? k('noteRequired') : undefined;
  return (
    <Dialog
      open={mark !== undefined}
      onClose={() => finish(false)}
      title={k('resolveTitle')}
      footer={
        <>
          <SubmitButton
            type="button"
            pending={resolve.isPending}
            onClick={() => {
              setTried(true);
              if (!note.trim()) document.getElementById('resolve-note')?.focus();
              else if (mark) resolve.mutate(mark);
            }}
          >
            {k('resolveConfirm')}
          </SubmitButton>
          <button type="button" className="button button--ghost" onClick={() => finish(false)}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      {mark ? (
        <p>
          {t(`catalogueArchitecture.kinds.${mark.kind}`)}: {mark.service.title}
        </p>
      ) : null}
      {resolve.isError ? <ErrorNotice error={resolve.error} /> : null}
      <Field id="resolve-note" label={k('resolveNote')} error={error} required>
        {(props) => (
          <textarea {...props} className="input" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        )}
      </Field>
    </Dialog>
  );
}
