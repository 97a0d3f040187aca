import { requiredCardPaths } from '@dargah/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../../components/Dialog';
import { ErrorNotice, Notice } from '../../../../components/Notice';
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
  fieldId,
  formFromContent,
  hintsOf,
  placePath,
  readerDigits,
  type CardForm,
} from '../cardForm';
import { CardSections, SECTIONS, sectionId, sectionTitle } from './CardSections';
import { CardFormContext, setAt, type CardFormApi } from './fields';

interface SummaryEntry {
  id: string;
  label: string;
  message: string;
}

/** Focuses a control by id: an input itself, or the first control (or button) of a group. */
function focusControl(id: string): void {
  const element = document.getElementById(id);
  if (!element) return;
  const target =
    element instanceof HTMLFieldSetElement
      ? (element.querySelector<HTMLElement>('input:checked, input, select, textarea, button') ?? element)
      : element;
  target.focus();
  target.scrollIntoView({ block: 'center' });
}

/** What the error summary calls a control: its label or legend, after the row it is in («مدرک ۲ — عنوان مدرک»). */
function labelOf(element: HTMLElement): string {
  const own =
    element instanceof HTMLFieldSetElement
      ? element.querySelector(':scope > legend')
      : document.querySelector(`label[for="${CSS.escape(element.id)}"]`);
  const text = (node: Element | null) => {
    if (!node) return '';
    const copy = node.cloneNode(true) as Element;
    copy.querySelectorAll('.field__optional, .visually-hidden, .cf-required').forEach((n) => n.remove());
    return (copy.textContent ?? '').trim();
  };
  const parts = [text(own)];
  let row = element.parentElement?.closest('fieldset.cf-row') ?? null;
  while (row) {
    parts.unshift(text(row.querySelector(':scope > legend')));
    row = row.parentElement?.closest('fieldset.cf-row') ?? null;
  }
  return parts.filter(Boolean).join(' — ');
}

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
  const [summary, setSummary] = useState<{ entries: SummaryEntry[]; other: string[]; incomplete: boolean } | null>(
    null,
  );
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
    const placed: Record<string, string> = {};
    const other: string[] = [];
    const entries: SummaryEntry[] = [];
    for (const p of problems) {
      const at = p.path ? placePath(p.path, (x) => document.getElementById(fieldId(x)) !== null) : null;
      if (!at) {
        other.push(p.message);
        continue;
      }
      if (placed[at]) continue;
      placed[at] = p.message;
      const element = document.getElementById(fieldId(at))!;
      entries.push({ id: fieldId(at), label: labelOf(element), message: p.message });
    }
    // In the order of the page.
    entries.sort((a, b) => {
      const ea = document.getElementById(a.id);
      const eb = document.getElementById(b.id);
      if (!ea || !eb) return 0;
      return ea.compareDocumentPosition(eb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
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
        <nav className="cf-index card" aria-labelledby="cf-index-title">
          <h2 id="cf-index-title" className="cf-index__title">
            {t('catalogueCards.cardEditorPage.sections')}
          </h2>
          <ol className="cf-index__list">
            {SECTIONS.map((k) => (
              <li key={k}>
                <a
                  href={`#${sectionId(k)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    const heading = document.getElementById(`${sectionId(k)}-title`);
                    heading?.focus();
                    heading?.scrollIntoView({ block: 'start' });
                  }}
                >
                  {sectionTitle(t, k)}
                </a>
              </li>
            ))}
          </ol>
        </nav>

        <form
          className="stack-lg cf-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void onSave();
          }}
        >
          <div ref={summaryRef} tabIndex={-1} className="cf-messages">
            {summary ? (
              <div className="notice notice--danger error-summary" role="alert" aria-labelledby="cf-summary-title">
                <div>
                  <p id="cf-summary-title" className="notice__title">
                    {summary.incomplete
                      ? t('catalogueCards.cardEditorPage.incompleteTitle')
                      : t('catalogueCards.cardEditorPage.summaryTitle')}
                  </p>
                  {summary.incomplete ? <p>{t('catalogueCards.cardEditorPage.summaryTitle')}</p> : null}
                  <ul className="error-summary__list">
                    {summary.entries.map((e) => (
                      <li key={e.id}>
                        <a
                          href={`#${e.id}`}
                          onClick={(event) => {
                            event.preventDefault();
                            focusControl(e.id);
                          }}
                        >
                          {e.label}: {e.message}
                        </a>
                      </li>
                    ))}
                    {summary.other.map((m, i) => (
                      <li key={`other-${i}`}>{m}</li>
                    ))}
                  </ul>
                </div>
              </div>
            ) : null}
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
            <div className="card">
              <div className="field" data-invalid={agencyError ? true : undefined}>
                <label htmlFor="cf-agencyId" className="field__label">
                  {t('catalogueTerms.field.agency')}
                </label>
                <p id="cf-agencyId-help" className="field__help">
                  {t('catalogueCards.cardEditorPage.agencyHelp')}
                </p>
                {agencyError ? (
                  <p id="cf-agencyId-error" className="field__error">
                    {agencyError}
                  </p>
                ) : null}
                <select
                  id="cf-agencyId"
                  className="input"
                  value={agencyId}
                  required
                  aria-invalid={agencyError ? true : undefined}
                  aria-describedby={agencyError ? 'cf-agencyId-help cf-agencyId-error' : 'cf-agencyId-help'}
                  onChange={(e) => {
                    setAgencyId(e.target.value);
                    setAgencyError(undefined);
                  }}
                >
                  <option value="">{t('catalogueCards.form.choose')}</option>
                  {authorAgencies.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </select>
              </div>
            </div>
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
              <button type="submit" className="button button--secondary" aria-disabled={busy !== null}>
                {busy === 'save' ? <span className="spinner" aria-hidden="true" /> : null}
                {busy === 'save'
                  ? t('catalogueCards.cardEditorPage.saving')
                  : t('catalogueCards.cardEditorPage.saveDraft')}
              </button>
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

      <Dialog
        open={confirmSubmit}
        onClose={() => setConfirmSubmit(false)}
        title={t('catalogueCards.cardEditorPage.submitTitle')}
        footer={
          <>
            <button type="button" className="button" onClick={() => void onSubmit()}>
              {t('catalogueCards.cardEditorPage.submitConfirm')}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setConfirmSubmit(false)}>
              {t('common.cancel')}
            </button>
          </>
        }
      >
        <p>
          {view?.parentAgencyId
            ? t('catalogueCards.cardEditorPage.submitBodyParent')
            : t('catalogueCards.cardEditorPage.submitBodyCentral')}
        </p>
        {parentName ? <p>{t('catalogueCards.cardEditorPage.parentAgency', { name: parentName })}</p> : null}
      </Dialog>

      <Dialog
        open={confirmReload}
        onClose={() => setConfirmReload(false)}
        title={t('catalogueCards.cardEditorPage.reload')}
        footer={
          <>
            <button type="button" className="button button--danger" onClick={() => void reload()}>
              {t('catalogueCards.cardEditorPage.reload')}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setConfirmReload(false)}>
              {t('common.cancel')}
            </button>
          </>
        }
      >
        <p>{t('catalogueCards.cardEditorPage.reloadConfirm')}</p>
      </Dialog>
    </CardFormContext.Provider>
  );
}
