import { useIsMutating, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { ErrorNotice } from '../../../components/Notice';
import { QueryStates } from '../../../components/QueryStates';
import { SubmitButton } from '../../../components/SubmitButton';
import { fieldErrorsOf } from '../../../lib/fieldErrors';
import { useFormat } from '../../../lib/format';
import {
  cancelLicence,
  licencesQueryKey,
  mapService,
  searchServices,
  unmapService,
  type Licence,
  type LicenceSummary,
} from '../api';

export type LicenceAction = 'map' | 'unmap' | 'cancel';

/** The key of the action's mutation: the footer's button (outside the form) reads its pending state by it. */
const licenceActionKey = ['licence-action'] as const;

/**
 * The dialog of one action on a licence: map it to an approved service id (typed, or found by the
 * public catalogue's search), remove its mapping, or cancel it with a reason. A refusal is shown in
 * the dialog with the server's message, and nothing typed is lost.
 */
export function LicenceDialog({
  licence,
  action,
  onClose,
  onDone,
}: {
  licence: LicenceSummary | null;
  action: LicenceAction | null;
  onClose: () => void;
  onDone: (action: LicenceAction, saved: Licence) => void;
}) {
  const { t } = useTranslation();
  const open = licence !== null && action !== null;
  const pending = useIsMutating({ mutationKey: licenceActionKey }) > 0;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={open ? t(`licences.${action}.title`, { title: licence.title }) : ''}
      footer={
        <>
          {open ? (
            <SubmitButton form="licence-action" pending={pending} variant={action === 'map' ? 'primary' : 'danger'}>
              {t(`licences.${action}.confirm`)}
            </SubmitButton>
          ) : null}
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('licences.common.close')}
          </button>
        </>
      }
    >
      {open ? <ActionBody key={`${licence.id}-${action}`} licence={licence} action={action} onDone={onDone} /> : null}
    </Dialog>
  );
}

function ActionBody({
  licence,
  action,
  onDone,
}: {
  licence: LicenceSummary;
  action: LicenceAction;
  onDone: (action: LicenceAction, saved: Licence) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [serviceId, setServiceId] = useState('');
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const search = useMutation({ mutationFn: () => searchServices(q) });

  const run = useMutation({
    mutationKey: licenceActionKey,
    mutationFn: () =>
      action === 'map'
        ? mapService(licence.id, serviceId, licence.version)
        : action === 'unmap'
          ? unmapService(licence.id, licence.version)
          : cancelLicence(licence.id, reason, licence.version),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: licencesQueryKey });
      onDone(action, saved);
    },
    onError: (error) => {
      const f = fieldErrorsOf(error)?.fields;
      setFieldError(f?.serviceId ?? f?.reason);
      document.getElementById(action === 'map' ? 'licence-serviceId' : 'licence-reason')?.focus();
    },
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (run.isPending) return;
    if (action === 'map' && !serviceId.trim()) return setFieldError(t('validation.required'));
    if (action === 'cancel' && [...reason.trim()].length < 2) return setFieldError(t('validation.required'));
    setFieldError(undefined);
    run.mutate();
  };

  return (
    <form id="licence-action" className="stack" noValidate onSubmit={submit}>
      {run.isError && !fieldErrorsOf(run.error) ? (
        <ErrorNotice error={run.error} title={t('licences.common.refused')} id="licence-action-error" />
      ) : null}
      {action === 'unmap' ? (
        <p>{t('licences.unmap.body', { serviceId: format.digits(licence.serviceId ?? '') })}</p>
      ) : null}
      {action === 'cancel' ? (
        <>
          <p>{t('licences.cancel.body')}</p>
          <Field id="licence-reason" label={t('licences.cancel.reason')} required error={fieldError}>
            {(p) => (
              <textarea {...p} className="input" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
            )}
          </Field>
        </>
      ) : null}
      {action === 'map' ? (
        <>
          <Field
            id="licence-serviceId"
            label={t('licences.map.serviceId')}
            help={t('licences.map.serviceIdHelp')}
            required
            error={fieldError}
          >
            {(p) => (
              <input
                {...p}
                className="input input--digits"
                dir="ltr"
                inputMode="numeric"
                autoComplete="off"
                value={serviceId}
                onChange={(e) => {
                  setServiceId(e.target.value);
                  setFieldError(undefined);
                }}
              />
            )}
          </Field>
          <div className="subpanel stack">
            <Field id="licence-service-search" label={t('licences.map.search')} help={t('licences.map.searchHelp')}>
              {(p) => (
                <div className="licence-row">
                  <input
                    {...p}
                    type="search"
                    className="input"
                    value={q}
                    onChange={(e) => setQ(e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        e.preventDefault();
                        search.mutate();
                      }
                    }}
                  />
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => search.mutate()}
                  >
                    {t('licences.map.searchButton')}
                  </button>
                </div>
              )}
            </Field>
            {/* Nothing until the first search; «try again» searches again. */}
            {search.isIdle ? null : (
              <QueryStates
                query={{ ...search, refetch: () => search.mutate() }}
                isEmpty={(found) => found.items.length === 0}
                empty={<p role="status">{t('licences.map.noHits')}</p>}
              >
                {(found) => (
                  <ul className="admin-list" aria-label={t('licences.map.hits')}>
                    {found.items.map((h) => (
                      <li key={h.serviceId} className="admin-list__item licence-hit">
                        <span>
                          <span className="admin-list__title">{h.title}</span>
                          <span className="admin-list__meta">
                            <span>{h.agency.name}</span>
                            <bdi dir="ltr">{format.digits(h.serviceId)}</bdi>
                          </span>
                        </span>
                        <button
                          type="button"
                          className="button button--ghost button--small"
                          aria-label={t('licences.map.chooseOf', { title: h.title })}
                          onClick={() => {
                            setServiceId(h.serviceId);
                            setFieldError(undefined);
                            document.getElementById('licence-serviceId')?.focus();
                          }}
                        >
                          {t('licences.map.choose')}
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </QueryStates>
            )}
          </div>
        </>
      ) : null}
    </form>
  );
}
