import { requiredCardPaths } from '@dargah/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Notice } from '../../../../components/Notice';
import { SubmitButton } from '../../../../components/SubmitButton';
import { ApiError } from '../../../../lib/api';
import { useFormat } from '../../../../lib/format';
import { createSubmissionKeys } from '../../../../lib/idempotency';
import {
  agenciesQuery,
  architectureQuery,
  cardQuery,
  cardsKey,
  cardUnitsQuery,
  createCard,
  saveCard,
  submitCard,
  type ServiceCardView,
} from '../api';
import { lawsQuery } from '../../../laws';
import {
  cardProblemsOf,
  contentFromForm,
  emptyForm,
  formFromContent,
  hintsOf,
  readerDigits,
  type CardForm,
} from '../cardForm';
import { CardSections } from './CardSections';
import {
  AgencyChoice,
  ErrorSummaryPanel,
  ReloadCardDialog,
  SectionIndex,
  SubmitCardDialog,
  focusControl,
  placeProblems,
  type Summary,
} from './editorParts';
import { CardFormContext, setAt, type CardFormApi } from './fields';

export interface CardEditorProps {
  /** The card being edited; none for a new one. */
  card?: ServiceCardView;
  /** For a new card: the agencies the person may draft for (id and name). */
  authorAgencies?: Array<{ id: string; name: string }>;
  /** Called when a save or submit starts (the page drops its own earlier messages). */
  onAct?: () => void;
}

/**
 * The card editor: every field of the card in sections, an index of the sections, saving the draft
 * (lenient, at the version read) and, for the agency administrator, sending it for review. Refused
 * fields are shown at their controls and listed at the top with links that focus them.
 */
export function CardEditor({ card, authorAgencies = [], onAct }: CardEditorProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<CardForm>(() =>
    card ? formFromContent(card.content, readerDigits(format.lang)) : emptyForm(),
  );
  const [view, setView] = useState<ServiceCardView | undefined>(card);
  const [agencyId, setAgencyId] = useState(
    card?.agencyId ?? (authorAgencies.length === 1 ? authorAgencies[0]!.id : ''),
  );
  const [agencyError, setAgencyError] = useState<string | undefined>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<Summary | null>(null);
  const [outcome, setOutcome] = useState<
    { kind: 'saved' } | { kind: 'conflict' } | { kind: 'error'; error: unknown } | null
  >(null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [confirmSubmit, setConfirmSubmit] = useState(false);
  const [confirmReload, setConfirmReload] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  // A retried first save of a new card reuses its key, so the card is never created twice.
  const keys = useRef(createSubmissionKeys()).current;

  const laws = useQuery(lawsQuery);
  const agencies = useQuery(agenciesQuery);
  const units = useQuery({ ...cardUnitsQuery(agencyId), enabled: agencyId !== '' });
  const architecture = useQuery(architectureQuery);
  const hints = useMemo(() => hintsOf(form), [form]);
  // What submission will need of the card as it stands: the server's own list (contracts).
  const required = useMemo(() => requiredCardPaths(contentFromForm(form)), [form]);

  const api: CardFormApi = {
    form,
    requiredAt: (path) => required.has(path),
    update: (valuePath, value, errorPath = valuePath) => {
      setForm((current) => {
        let next = setAt(current, valuePath, value);
        // Another law: the article chosen from the old one no longer applies.
        if (/(^|\.)legalBasis\.\d+\.lawId$/.test(valuePath))
          next = setAt(next, valuePath.replace(/lawId$/, 'article'), '');
        return next;
      });
      setErrors((current) => {
        const keys = Object.keys(current).filter((k) => k === errorPath || k.startsWith(`${errorPath}.`));
        if (keys.length === 0) return current;
        const copy = { ...current };
        for (const k of keys) delete copy[k];
        return copy;
      });
    },
    errorAt: (path) => errors[path],
    hintAt: (path) => hints[path],
  };

  const editable = view ? view.actions.includes('edit') : true;
  const changeRequest = view ? view.approvedVersion !== null : false;
  const maySubmit = view ? view.actions.includes('submit') && !changeRequest : false;

  /** Shows a refused write: at its fields and in the summary, or as a notice. */
  function showRefusal(error: unknown) {
    if (error instanceof ApiError && error.status === 409 && error.code === 'CONFLICT') {
      setOutcome({ kind: 'conflict' });
      setErrors({});
      setSummary(null);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const problems = cardProblemsOf(error);
    if (!problems) {
      setOutcome({ kind: 'error', error });
      setSummary(null);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const { placed, entries, other } = placeProblems(problems);
    setErrors(placed);
    setOutcome(null);
    setSummary({
      entries,
      other,
      incomplete: error instanceof ApiError && error.code === 'CARD_INCOMPLETE',
    });
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  function clearMessages() {
    setOutcome(null);
    setSummary(null);
    onAct?.();
  }

  async function persist(): Promise<ServiceCardView> {
    const content = contentFromForm(form);
    if (!view) return createCard({ agencyId, content }, keys.keyFor({ agencyId, content }));
    return saveCard(view.id, { version: view.version, content });
  }

  async function onSave() {
    if (busy) return;
    if (!view && agencyId === '') {
      setAgencyError(t('validation.choose'));
      focusControl('cf-agencyId');
      return;
    }
    clearMessages();
    setBusy('save');
    try {
      const saved = await persist();
      queryClient.setQueryData(cardQuery(saved.id).queryKey, saved);
      void queryClient.invalidateQueries({ queryKey: [...cardsKey, 'list'] });
      setErrors({});
      if (!view) {
        await navigate({ to: '/staff/catalogue/$cardId/edit', params: { cardId: saved.id }, search: { saved: true } });
        return;
      }
      setView(saved);
      setOutcome({ kind: 'saved' });
      requestAnimationFrame(() => savedRef.current?.focus());
    } catch (error) {
      showRefusal(error);
    } finally {
      setBusy(null);
    }
  }

  async function onSubmit() {
    if (busy || !view) return;
    setConfirmSubmit(false);
    clearMessages();
    setBusy('submit');
    try {
      const saved = await persist();
      setView(saved);
      queryClient.setQueryData(cardQuery(saved.id).queryKey, saved);
      const submitted = await submitCard(saved.id, saved.version);
      queryClient.setQueryData(cardQuery(submitted.id).queryKey, submitted);
      await queryClient.invalidateQueries({ queryKey: [...cardsKey, 'list'] });
      await navigate({ to: '/staff/catalogue', search: { submitted: submitted.id } });
    } catch (error) {
      showRefusal(error);
    } finally {
      setBusy(null);
    }
  }

  async function reload() {
    if (!view) return;
    setConfirmReload(false);
    const fresh = await queryClient.fetchQuery({ ...cardQuery(view.id), staleTime: 0 });
    setView(fresh);
    setForm(formFromContent(fresh.content, readerDigits(format.lang)));
    setErrors({});
    clearMessages();
  }

  if (view && !editable) {
    return (
      <Notice tone="info" role="status">
        <p>{t('catalogueCards.cardEditorPage.notEditable', { status: t(`catalogueTerms.status.${view.status}`) })}</p>
        <p>
          <Link to="/staff/catalogue/$cardId" params={{ cardId: view.id }}>
            {t('catalogueCards.cardEditorPage.viewCard')}
          </Link>
        </p>
      </Notice>
    );
  }

  const parentName = view?.parentAgencyId
    ? agencies.data?.find((a) => a.id === view.parentAgencyId)?.nameFa
    : undefined;
  const unitsForSections = agencyId === '' ? [] : units.isError ? null : (units.data ?? []);

  return (
    <CardFormContext.Provider value={api}>
      <div className="cf-layout">
        <SectionIndex />

        <form
          className="stack-lg cf-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void onSave();
          }}
        >
          <div ref={summaryRef} tabIndex={-1} className="cf-messages">
            {summary ? <ErrorSummaryPanel summary={summary} /> : null}
            {outcome?.kind === 'conflict' ? (
              <Notice
                tone="warning"
                role="alert"
                title={t('catalogueCards.cardEditorPage.conflictTitle')}
                action={
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => setConfirmReload(true)}
                  >
                    {t('catalogueCards.cardEditorPage.reload')}
                  </button>
                }
              >
                <p>{t('catalogueCards.cardEditorPage.conflictBody')}</p>
              </Notice>
            ) : null}
            {outcome?.kind === 'error' ? <ErrorNotice error={outcome.error} /> : null}
          </div>
          {outcome?.kind === 'saved' ? (
            <div ref={savedRef} tabIndex={-1}>
              <Notice tone="success" role="status">
                <p>{t('catalogueCards.cardEditorPage.saved')}</p>
              </Notice>
            </div>
          ) : null}

          {view ? (
            <div className="stack">
              <p className="text-muted">
                {view.agencyName} ·{' '}
                {t('catalogueCards.cardEditorPage.statusLine', {
                  status: t(`catalogueTerms.status.${view.status}`),
                  version: format.number(view.currentVersion),
                })}
              </p>
              {view.lastComment ? (
                <Notice tone="info" title={t('catalogueCards.cardEditorPage.lastComment')}>
                  <p>{view.lastComment}</p>
                </Notice>
              ) : null}
            </div>
          ) : (
            <AgencyChoice
              agencyId={agencyId}
              error={agencyError}
              agencies={authorAgencies}
              onChange={(id) => {
                setAgencyId(id);
                setAgencyError(undefined);
              }}
            />
          )}

          <p className="text-muted cf-required-legend">
            <span className="cf-required" aria-hidden="true">
              *{' '}
            </span>
            {t('catalogueCards.form.requiredLegend')}
          </p>
          <CardSections
            data={{
              agencyId,
              agencies: agencies.data ?? [],
              laws: laws.data ?? [],
              units: unitsForSections,
              architecture: architecture.data ?? null,
            }}
          />

          <div className="cf-actions">
            {changeRequest ? (
              <p className="text-muted">
                {t('catalogueCards.cardEditorPage.changeRequestNote')}{' '}
                <Link to="/staff/catalogue/$cardId" params={{ cardId: view!.id }}>
                  {t('catalogueCards.cardEditorPage.viewCard')}
                </Link>
              </p>
            ) : view && !maySubmit ? (
              <p className="text-muted">{t('catalogueCards.cardEditorPage.submitOnlyAdmin')}</p>
            ) : null}
            <div className="form-actions">
              <SubmitButton variant="secondary" pending={busy === 'save'}>
                {busy === 'save'
                  ? t('catalogueCards.cardEditorPage.saving')
                  : t('catalogueCards.cardEditorPage.saveDraft')}
              </SubmitButton>
              {maySubmit ? (
                <button
                  type="button"
                  className="button"
                  aria-disabled={busy !== null}
                  onClick={() => {
                    if (!busy) setConfirmSubmit(true);
                  }}
                >
                  {busy === 'submit' ? <span className="spinner" aria-hidden="true" /> : null}
                  {t('catalogueCards.cardEditorPage.submit')}
                </button>
              ) : null}
            </div>
          </div>
        </form>
      </div>

      <SubmitCardDialog
        open={confirmSubmit}
        toParent={Boolean(view?.parentAgencyId)}
        parentName={parentName}
        onConfirm={() => void onSubmit()}
        onClose={() => setConfirmSubmit(false)}
      />
      <ReloadCardDialog open={confirmReload} onConfirm={() => void reload()} onClose={() => setConfirmReload(false)} />
    </CardFormContext.Provider>
  );
}
