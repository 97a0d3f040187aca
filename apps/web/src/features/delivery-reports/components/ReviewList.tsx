import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';
import { SubmitButton } from '../../../components/SubmitButton';
import { EmptyState } from '../../../components/EmptyState';
import { CheckIcon } from '../../../components/icons';
import { Field } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { useFormat } from '../../../lib/format';
import { resolveRow, reviewQuery, rowCapabilitiesQuery, type ReviewRow } from '../api';
import { QueryStates } from '../../../components/QueryStates';

type Resolution = 'linked' | 'card_required' | 'dismissed';

/** Central reviewers: provincial report rows without an id, each resolved after a confirmation. */
export function ReviewList() {
  const { t } = useTranslation();
  const f = useFormat();
  const rows = useQuery(reviewQuery);
  const [open, setOpen] = useState<{ row: ReviewRow; resolution: Resolution } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <section className="card stack" aria-labelledby="dreport-review">
      <h2 id="dreport-review" className="card__title">
        {t('catalogueReports.review.title')}
      </h2>
      <p className="text-muted">{t('catalogueReports.review.lead')}</p>
      {done ? (
        <Notice tone="success" role="status">
          <p>{t('catalogueReports.review.done', { title: done })}</p>
        </Notice>
      ) : null}
      <QueryStates
        query={rows}
        isEmpty={(data) => data.items.length === 0}
        empty={<EmptyState title={t('catalogueReports.review.empty')} headingLevel={3} icon={<CheckIcon />} />}
      >
        {(data) => (
          <ul className="dreport-review">
            {data.items.map((r) => (
              <li key={r.id} className="dreport-review__item">
                <div>
                  <strong>{r.title}</strong>
                  <p className="text-muted">
                    {r.agencyName} · {f.digits(r.year)} ·{' '}
                    {t('catalogueReports.review.delivered', { n: f.number(r.deliveredCount) })}
                  </p>
                </div>
                <RowActions row={r} onOpen={(resolution) => setOpen({ row: r, resolution })} />
              </li>
            ))}
          </ul>
        )}
      </QueryStates>
      {open ? (
        <ResolveDialog
          key={`${open.row.id}-${open.resolution}`}
          row={open.row}
          resolution={open.resolution}
          onClose={() => setOpen(null)}
          onDone={(title) => {
            setOpen(null);
            setDone(title);
          }}
        />
      ) : null}
    </section>
  );
}

/**
 * The row's three resolutions, offered only when the server says the reviewer may resolve it (not
 * the report's submitter, nor a member of its agency or of one above it); otherwise a word why not.
 */
function RowActions({ row, onOpen }: { row: ReviewRow; onOpen: (resolution: Resolution) => void }) {
  const { t } = useTranslation();
  const may = useQuery(rowCapabilitiesQuery(row.id));
  if (may.isPending) return null;
  if (may.isError) return <ErrorNotice error={may.error} />;
  if (!may.data.resolve) return <p className="text-muted">{t('catalogueReports.review.notYours')}</p>;
  return (
    <div className="dreport-review__actions">
      <button type="button" className="button button--secondary button--small" onClick={() => onOpen('linked')}>
        {t('catalogueReports.review.link')}
      </button>
      <button type="button" className="button button--secondary button--small" onClick={() => onOpen('card_required')}>
        {t('catalogueReports.review.cardRequired')}
      </button>
      <button type="button" className="button button--danger button--small" onClick={() => onOpen('dismissed')}>
        {t('catalogueReports.review.dismiss')}
      </button>
    </div>
  );
}

function ResolveDialog({
  row,
  resolution,
  onClose,
  onDone,
}: {
  row: ReviewRow;
  resolution: Resolution;
  onClose: () => void;
  onDone: (title: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [value, setValue] = useState('');
  const save = useMutation({
    mutationFn: () =>
      resolveRow(
        row.id,
        resolution === 'linked'
          ? { resolution, serviceId: value.trim(), version: row.version }
          : resolution === 'dismissed'
            ? { resolution, reason: value.trim(), version: row.version }
            : { resolution, ...(value.trim() ? { note: value.trim() } : {}), version: row.version },
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['catalogue-reports'] });
      onDone(row.title);
    },
  });
  const title =
    resolution === 'linked'
      ? t('catalogueReports.review.linkTitle', { title: row.title })
      : resolution === 'dismissed'
        ? t('catalogueReports.review.dismissTitle', { title: row.title })
        : t('catalogueReports.review.cardRequiredTitle', { title: row.title });
  const label =
    resolution === 'linked'
      ? t('catalogueReports.review.serviceId')
      : resolution === 'dismissed'
        ? t('catalogueReports.review.reason')
        : t('catalogueReports.review.note');
  return (
    <Dialog
      open
      onClose={onClose}
      title={title}
      footer={
        <>
          <SubmitButton
            type="button"
            pending={save.isPending}
            variant={resolution === 'dismissed' ? 'danger' : 'primary'}
            onClick={() => save.mutate()}
          >
            {t('catalogueReports.review.confirm')}
          </SubmitButton>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('catalogueReports.review.cancel')}
          </button>
        </>
      }
    >
      <div className="stack">
        {resolution === 'card_required' ? <p>{t('catalogueReports.review.cardRequiredBody')}</p> : null}
        {save.isError ? <ErrorNotice error={save.error} /> : null}
        <Field id="dreport-resolve-value" label={label} required={resolution !== 'card_required'}>
          {(p) =>
            resolution === 'linked' ? (
              <input
                {...p}
                className="input"
                dir="ltr"
                inputMode="numeric"
                value={value}
                onChange={(e) => setValue(e.target.value)}
              />
            ) : (
              <textarea {...p} className="input" rows={3} value={value} onChange={(e) => setValue(e.target.value)} />
            )
          }
        </Field>
      </div>
    </Dialog>
  );
}
