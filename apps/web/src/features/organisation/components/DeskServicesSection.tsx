import { useInfiniteQuery, useIsMutating, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';
import { EmptyState } from '../../../components/EmptyState';
import { Field } from '../../../components/Field';
import { LoadMoreButton } from '../../../components/LoadMoreButton';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { SubmitButton } from '../../../components/SubmitButton';
import { DocumentIcon } from '../../../components/icons';
import { ApiError } from '../../../lib/api';
import type { Agency, PublicService } from '../../../lib/contracts';
import { fieldErrorsOf } from '../../../lib/fieldErrors';
import { useFormat } from '../../../lib/format';
import { hasRole, useSession } from '../../identity';
import {
  catalogueLinkQuery,
  deskServicesQuery,
  isServiceIdShape,
  normalizeServiceId,
  setCatalogueLink,
  type CatalogueLink,
} from '../api';
import { QueryStates } from '../../../components/QueryStates';

type Mode = 'set' | 'clear';
interface Target {
  service: PublicService;
  mode: Mode;
}

const setButtonId = (serviceId: string) => `desk-link-set-${serviceId}`;

/**
 * The agency's service-desk services with the approved catalogue service id each delivers (or
 * «بدون شناسه»). The agency's administrators set, change or clear the id in a dialog; the server
 * decides who may (the buttons only show the way to those who can).
 */
export function DeskServicesSection({ agency }: { agency: Agency }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const mayChange = hasRole(session, ['agency_admin'], agency.id);
  const services = useInfiniteQuery(deskServicesQuery(agency.id));
  const [target, setTarget] = useState<Target | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const items = services.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="card stack" aria-labelledby="desk-services-title">
      <div className="card__header">
        <h2 id="desk-services-title" className="card__title">
          {t('admin.deskServices.title')}
        </h2>
      </div>
      <p className="text-muted">{t('admin.deskServices.lead')}</p>
      {done ? (
        <Notice tone="success" role="status">
          <p>{done}</p>
        </Notice>
      ) : null}
      <QueryStates
        query={services}
        isEmpty={() => items.length === 0}
        empty={<EmptyState icon={<DocumentIcon />} title={t('admin.deskServices.empty')} headingLevel={3} />}
      >
        {() => (
          <ul className="admin-list" aria-label={t('admin.deskServices.list')}>
            {items.map((s) => (
              <li key={s.id} className="admin-list__item desk-link">
                <div className="desk-link__main">
                  <p className="admin-list__title" dir="auto">
                    {s.title}
                  </p>
                  <p className="admin-list__meta">
                    <span>
                      {t('admin.deskServices.serviceId')}
                      {': '}
                      {s.catalogueServiceId ? (
                        <Link to="/catalogue/$serviceId" params={{ serviceId: s.catalogueServiceId }}>
                          <bdi dir="ltr">{format.digits(s.catalogueServiceId)}</bdi>
                        </Link>
                      ) : (
                        <strong>{t('admin.deskServices.noId')}</strong>
                      )}
                    </span>
                  </p>
                </div>
                <div className="desk-link__actions">
                  <Link
                    to="/admin/agencies/$agencyId/services/$serviceId/versions"
                    params={{ agencyId: agency.id, serviceId: s.id }}
                    className="button button--ghost button--small"
                    aria-label={t('admin.versions.openOf', { title: s.title })}
                  >
                    {t('admin.versions.open')}
                  </Link>
                </div>
                {mayChange ? (
                  <div className="desk-link__actions">
                    <button
                      id={setButtonId(s.id)}
                      type="button"
                      className="button button--secondary button--small"
                      aria-label={t('admin.deskServices.changeOf', { title: s.title })}
                      onClick={() => {
                        setDone(null);
                        setTarget({ service: s, mode: 'set' });
                      }}
                    >
                      {s.catalogueServiceId ? t('admin.deskServices.change') : t('admin.deskServices.set')}
                    </button>
                    {s.catalogueServiceId ? (
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        aria-label={t('admin.deskServices.clearOf', { title: s.title })}
                        onClick={() => {
                          setDone(null);
                          setTarget({ service: s, mode: 'clear' });
                        }}
                      >
                        {t('admin.deskServices.clear')}
                      </button>
                    ) : null}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </QueryStates>
      <LoadMoreButton query={services} />
      <DeskLinkDialog
        target={target}
        onClose={() => setTarget(null)}
        onDone={(saved, service) => {
          setTarget(null);
          setDone(
            t(saved.catalogueServiceId ? 'admin.deskServices.saved' : 'admin.deskServices.cleared', {
              title: service.title,
            }),
          );
          // The clear button the dialog was opened from is gone: focus the row's other button.
          requestAnimationFrame(() => document.getElementById(setButtonId(service.id))?.focus());
        }}
      />
    </section>
  );
}

/** The key of the link's mutation: the dialog's button (outside the form) reads its pending state by it. */
const deskLinkKey = ['desk-link'] as const;

function DeskLinkDialog({
  target,
  onClose,
  onDone,
}: {
  target: Target | null;
  onClose: () => void;
  onDone: (saved: CatalogueLink, service: PublicService) => void;
}) {
  const { t } = useTranslation();
  const pending = useIsMutating({ mutationKey: deskLinkKey }) > 0;
  const title = target
    ? t(target.mode === 'clear' ? 'admin.deskServices.clearTitle' : 'admin.deskServices.dialogTitle', {
        title: target.service.title,
      })
    : '';
  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      title={title}
      footer={
        <>
          {target ? (
            <SubmitButton
              form="desk-link-form"
              pending={pending}
              variant={target.mode === 'clear' ? 'danger' : 'primary'}
            >
              {target.mode === 'clear' ? t('admin.deskServices.clearConfirm') : t('admin.deskServices.save')}
            </SubmitButton>
          ) : null}
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      {target ? (
        <DeskLinkForm
          key={`${target.service.id}-${target.mode}`}
          service={target.service}
          mode={target.mode}
          onDone={(saved) => onDone(saved, target.service)}
        />
      ) : null}
    </Dialog>
  );
}

/**
 * The dialog's body: the current link (read afresh, with its `version`), and either the new id or
 * the confirmation of clearing it. A refusal shows the server's message here; a 409 reloads the
 * link and says so, keeping what was typed.
 */
function DeskLinkForm({
  service,
  mode,
  onDone,
}: {
  service: PublicService;
  mode: Mode;
  onDone: (saved: CatalogueLink) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const link = useQuery({ ...catalogueLinkQuery(service.id), staleTime: 0 });
  const [typed, setTyped] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [conflict, setConflict] = useState(false);
  const deskKey = deskServicesQuery(service.agencyId).queryKey;

  const run = useMutation({
    mutationKey: deskLinkKey,
    mutationFn: (version: number) =>
      setCatalogueLink(service.id, { serviceId: mode === 'clear' ? null : normalizeServiceId(typed), version }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(catalogueLinkQuery(service.id).queryKey, saved);
      // The list here, and the public pages that show the id.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: deskKey }),
        queryClient.invalidateQueries({ queryKey: ['public'] }),
      ]);
      onDone(saved);
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        setConflict(true);
        await Promise.all([link.refetch(), queryClient.invalidateQueries({ queryKey: deskKey })]);
        requestAnimationFrame(() => document.getElementById('desk-link-conflict')?.focus());
        return;
      }
      setConflict(false);
      setFieldError(fieldErrorsOf(error)?.fields.serviceId);
      const focusId = mode === 'set' ? 'desk-link-id' : 'desk-link-error';
      requestAnimationFrame(() => document.getElementById(focusId)?.focus());
    },
  });

  const current = link.data;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (run.isPending || !current) return;
    if (mode === 'set') {
      const id = normalizeServiceId(typed);
      const problem = !id
        ? t('validation.required')
        : !isServiceIdShape(id)
          ? t('admin.deskServices.invalidId')
          : undefined;
      if (problem) {
        setFieldError(problem);
        document.getElementById('desk-link-id')?.focus();
        return;
      }
    } else if (!current.catalogueServiceId) {
      return;
    }
    setFieldError(undefined);
    setConflict(false);
    run.mutate(current.version);
  };

  return (
    <form id="desk-link-form" className="stack" noValidate onSubmit={submit} aria-busy={run.isPending}>
      {conflict ? (
        <div id="desk-link-conflict" tabIndex={-1}>
          <Notice tone="warning" role="alert">
            <p>{t('admin.deskServices.conflict')}</p>
          </Notice>
        </div>
      ) : null}
      {run.isError && !conflict && !fieldErrorsOf(run.error) ? (
        <div id="desk-link-error" tabIndex={-1}>
          <ErrorNotice error={run.error} title={t('admin.deskServices.refused')} />
        </div>
      ) : null}
      <QueryStates query={link}>
        {(linkData) => (
          <dl className="facts">
            <div className="facts__row">
              <dt>{t('admin.deskServices.current')}</dt>
              <dd>
                {linkData.catalogueServiceId ? (
                  <bdi dir="ltr">{format.digits(linkData.catalogueServiceId)}</bdi>
                ) : (
                  t('admin.deskServices.noId')
                )}
              </dd>
            </div>
            {linkData.card ? (
              <div className="facts__row">
                <dt>{t('admin.deskServices.card')}</dt>
                <dd>
                  {linkData.card.title}
                  {linkData.card.expired ? (
                    <span className="facts__help text-danger">{t('admin.deskServices.expired')}</span>
                  ) : linkData.card.expiresAt ? (
                    <span className="facts__help">
                      {t('admin.deskServices.expiresAt', { date: format.date(linkData.card.expiresAt) })}
                    </span>
                  ) : null}
                </dd>
              </div>
            ) : null}
          </dl>
        )}
      </QueryStates>
      {mode === 'set' ? (
        <Field
          id="desk-link-id"
          name="serviceId"
          label={t('admin.deskServices.newId')}
          help={t('admin.deskServices.newIdHelp')}
          error={fieldError}
          required
        >
          {(props) => (
            <input
              {...props}
              className="input input--digits"
              dir="ltr"
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(e) => {
                setTyped(e.target.value);
                setFieldError(undefined);
              }}
            />
          )}
        </Field>
      ) : current ? (
        <p>
          {current.catalogueServiceId
            ? t('admin.deskServices.clearBody', { id: format.digits(current.catalogueServiceId) })
            : t('admin.deskServices.nothingToClear')}
        </p>
      ) : null}
    </form>
  );
}
