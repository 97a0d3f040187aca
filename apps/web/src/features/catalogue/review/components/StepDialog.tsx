// About 400 lines: one dialog for every review step; the change request's legal basis and head approval are
// its fields, validated together. Split further only if a step gets a form of its own.
import { fromJalali, jalaliDateString, parseJalali } from '@dargah/persian';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../../components/Dialog';
import { SubmitButton } from '../../../../components/SubmitButton';
import { ErrorSummary, Field, Fieldset, focusField } from '../../../../components/Field';
import { ErrorNotice } from '../../../../components/Notice';
import { useFormat } from '../../../../lib/format';
import { useSession } from '../../../identity';
import { isConflict, problemsOf, staffQuery, stepCard, type ServiceCardView, type StepAction } from '../api';
import { lawsQuery } from '../../../laws';
import { fieldLabel } from '../labels';

/** What the agency administrator types for a change request: kept by the page, so nothing is lost. */
export interface ChangeForm {
  lawId: string;
  articles: string[];
  reason: string;
  approvedBy: string;
  /** Jalali, as typed. */
  approvedAt: string;
  reference: string;
}

export const emptyChangeForm = (): ChangeForm => ({
  lawId: '',
  articles: [],
  reason: '',
  approvedBy: '',
  approvedAt: jalaliDateString(new Date()),
  reference: '',
});

type Key = 'comment' | 'lawId' | 'articles' | 'reason' | 'approvedBy' | 'approvedAt' | 'reference';
const ORDER: readonly Key[] = ['comment', 'lawId', 'articles', 'reason', 'approvedBy', 'approvedAt', 'reference'];

/** Where the API names a problem → the dialog's field. */
function keyOf(field: string): Key | 'content' | undefined {
  if (field === 'body.comment') return 'comment';
  if (field === 'body.changeBasis' || field === 'body.changeBasis.lawId') return 'lawId';
  if (field.startsWith('body.changeBasis.articles')) return 'articles';
  if (field === 'body.changeBasis.reason') return 'reason';
  if (field === 'body.headApproval' || field === 'body.headApproval.approvedBy') return 'approvedBy';
  if (field === 'body.headApproval.approvedAt') return 'approvedAt';
  if (field === 'body.headApproval.reference') return 'reference';
  if (field.startsWith('content.')) return 'content';
  return undefined;
}

const NEEDS_COMMENT: ReadonlySet<StepAction> = new Set(['return', 'reject']);

/**
 * Confirms one step (submit, forward, return, approve, reject) at the version shown. Return and
 * reject need a comment; submitting a change request to a card in force asks for the change basis
 * (a registered law, its articles, the reason) and the agency head's approval, and shows the API's
 * problems at their fields. The comment and the change form live in the page: a refused or
 * conflicting step loses nothing typed.
 */
export function StepDialog({
  card,
  action,
  comment,
  onComment,
  change,
  onChange,
  onClose,
  onDone,
  onConflict,
}: {
  card: ServiceCardView;
  action: StepAction | null;
  comment: string;
  onComment: (value: string) => void;
  change: ChangeForm;
  onChange: (value: ChangeForm) => void;
  onClose: () => void;
  onDone: (action: StepAction, view: ServiceCardView) => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const base = useId();
  const idOf = (k: Key) => `${base}-${k}`;
  const isChange = action === 'submit' && card.approvedVersion !== null;
  const laws = useQuery({ ...lawsQuery, enabled: isChange });
  const staff = useQuery({ ...staffQuery(card.agencyId), enabled: isChange });
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const [incomplete, setIncomplete] = useState<Array<{ field: string; message: string }>>([]);

  const admins = (staff.data ?? []).filter(
    (m) => m.active && m.roles.some((r) => r.role === 'agency_admin' && r.agencyId === card.agencyId),
  );
  const law = laws.data?.find((l) => l.id === change.lawId);
  const needsComment = action !== null && NEEDS_COMMENT.has(action);

  const step = useMutation({
    mutationFn: (body: Parameters<typeof stepCard>[2]) => stepCard(card.id, action!, body),
    onSuccess: (view) => {
      setErrors({});
      setIncomplete([]);
      onDone(action!, view);
    },
    onError: (error) => {
      if (isConflict(error)) {
        onConflict();
        return;
      }
      const next: Partial<Record<Key, string>> = {};
      const content: Array<{ field: string; message: string }> = [];
      for (const p of problemsOf(error)) {
        const k = keyOf(p.field);
        if (k === 'content') content.push(p);
        else if (k) next[k] ??= p.message;
      }
      setErrors(next);
      setIncomplete(content);
      const first = ORDER.find((k) => next[k]);
      if (first) focusField(idOf(first));
    },
  });

  const local = (): Partial<Record<Key, string>> => {
    const out: Partial<Record<Key, string>> = {};
    if (needsComment && comment.trim() === '') out.comment = t('catalogueReview.dialog.commentMissing');
    if (isChange) {
      if (!change.lawId) out.lawId = t('catalogueReview.dialog.required');
      if (change.articles.length === 0) out.articles = t('catalogueReview.dialog.chooseArticle');
      if (change.reason.trim().length < 2) out.reason = t('catalogueReview.dialog.required');
      if (!change.approvedBy) out.approvedBy = t('catalogueReview.dialog.required');
      if (!parseJalali(change.approvedAt).ok) out.approvedAt = t('catalogueReview.dialog.badDate');
      if (change.reference.trim() === '') out.reference = t('catalogueReview.dialog.required');
    }
    return out;
  };

  const confirm = () => {
    if (step.isPending || !action) return;
    const problems = local();
    setErrors(problems);
    const first = ORDER.find((k) => problems[k]);
    if (first) {
      focusField(idOf(first));
      return;
    }
    const trimmed = comment.trim();
    const date = parseJalali(change.approvedAt);
    step.mutate({
      version: card.version,
      ...(trimmed ? { comment: trimmed } : {}),
      ...(isChange && date.ok
        ? {
            changeBasis: { lawId: change.lawId, articles: change.articles, reason: change.reason.trim() },
            headApproval: {
              approvedBy: change.approvedBy,
              approvedAt: fromJalali(date.value).toISOString(),
              reference: change.reference.trim(),
            },
          }
        : {}),
    });
  };

  const set = (patch: Partial<ChangeForm>, k: Key) => {
    onChange({ ...change, ...patch });
    setErrors((e) => ({ ...e, [k]: undefined }));
  };

  const titles: Record<StepAction, string> = {
    submit: t('catalogueReview.dialog.submitTitle'),
    forward: t('catalogueReview.dialog.forwardTitle'),
    return: t('catalogueReview.dialog.returnTitle'),
    approve: t('catalogueReview.dialog.approveTitle'),
    reject: t('catalogueReview.dialog.rejectTitle'),
  };
  const renewal = card.status === 'renewal_review';
  const bodies: Record<StepAction, string> = {
    submit: isChange ? t('catalogueReview.dialog.submitChangeBody') : t('catalogueReview.dialog.submitBody'),
    forward: t('catalogueReview.dialog.forwardBody'),
    return: renewal ? t('catalogueReview.dialog.returnRenewalBody') : t('catalogueReview.dialog.returnBody'),
    approve: renewal ? t('catalogueReview.dialog.approveRenewalBody') : t('catalogueReview.dialog.approveBody'),
    reject: t('catalogueReview.dialog.rejectBody'),
  };
  const danger = action === 'reject' || action === 'return';
  const labels: Record<Key, string> = {
    comment: t('catalogueReview.dialog.comment'),
    lawId: t('catalogueReview.dialog.law'),
    articles: t('catalogueReview.dialog.articles'),
    reason: t('catalogueReview.dialog.reason'),
    approvedBy: t('catalogueReview.dialog.approver'),
    approvedAt: t('catalogueReview.dialog.approvedAt'),
    reference: t('catalogueReview.dialog.reference'),
  };
  const summary = ORDER.filter((k) => errors[k]).map((k) => ({
    field: idOf(k),
    label: labels[k],
    message: errors[k]!,
  }));
  const known = new Set(['VALIDATION_FAILED', 'CARD_INCOMPLETE']);
  const otherError =
    step.isError && !isConflict(step.error) && !known.has((step.error as { code?: string }).code ?? '');

  return (
    <Dialog
      open={action !== null}
      onClose={() => {
        step.reset();
        setErrors({});
        setIncomplete([]);
        onClose();
      }}
      title={action ? titles[action] : ''}
      footer={
        <>
          <SubmitButton type="button" pending={step.isPending} variant={danger ? 'danger' : 'success'} onClick={confirm}>
            {action ? t(`catalogueReview.cardPage.${action}`) : null}
          </SubmitButton>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      {action ? (
        <div className="stack">
          <p>{bodies[action]}</p>
          {otherError ? <ErrorNotice error={step.error} /> : null}
          <ErrorSummary id={`${base}-summary`} errors={summary} />
          {incomplete.length > 0 ? (
            <div className="notice notice--danger" role="alert">
              <div className="notice__body">
                <p className="notice__title">{t('catalogueReview.dialog.incomplete')}</p>
                <ul>
                  {incomplete.map((p) => (
                    <li key={p.field}>
                      {fieldLabel(p.field.replace(/^content\./, ''), t, format)}: {p.message}
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          ) : null}
          {isChange ? (
            <fieldset className="fieldset stack step-dialog__group">
              <legend className="field__label">{t('catalogueReview.cardPage.changeBasisTitle')}</legend>
              <Field
                id={idOf('lawId')}
                label={labels.lawId}
                help={t('catalogueReview.dialog.lawHelp')}
                error={errors.lawId}
                required
              >
                {(props) => (
                  <select
                    {...props}
                    className="input"
                    value={change.lawId}
                    onChange={(e) => set({ lawId: e.target.value, articles: [] }, 'lawId')}
                  >
                    <option value="">{t('form.choose')}</option>
                    {(laws.data ?? []).map((l) => (
                      <option key={l.id} value={l.id}>
                        {l.title}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Fieldset
                id={idOf('articles')}
                legend={labels.articles}
                help={law ? t('catalogueReview.dialog.articlesHelp') : t('catalogueReview.dialog.chooseLawFirst')}
                error={errors.articles}
                required
              >
                {(describedBy) =>
                  law ? (
                    <div className="checks step-dialog__articles">
                      {law.articles.map((a, i) => (
                        <label key={a.number} className="check">
                          <input
                            type="checkbox"
                            id={i === 0 ? `${idOf('articles')}-0` : undefined}
                            aria-describedby={describedBy}
                            checked={change.articles.includes(a.number)}
                            onChange={(e) =>
                              set(
                                {
                                  articles: e.target.checked
                                    ? [...change.articles, a.number]
                                    : change.articles.filter((x) => x !== a.number),
                                },
                                'articles',
                              )
                            }
                          />
                          <span>
                            {t('catalogueTerms.lawArticle', { n: format.digits(a.number) })}
                            <span className="facts__help">{a.text}</span>
                          </span>
                        </label>
                      ))}
                    </div>
                  ) : null
                }
              </Fieldset>
              <Field id={idOf('reason')} label={labels.reason} error={errors.reason} required>
                {(props) => (
                  <textarea
                    {...props}
                    className="input"
                    rows={3}
                    value={change.reason}
                    onChange={(e) => set({ reason: e.target.value }, 'reason')}
                  />
                )}
              </Field>
            </fieldset>
          ) : null}
          {isChange ? (
            <fieldset className="fieldset stack step-dialog__group">
              <legend className="field__label">{t('catalogueReview.cardPage.headApproval')}</legend>
              <Field
                id={idOf('approvedBy')}
                label={labels.approvedBy}
                help={staff.isError ? t('catalogueReview.dialog.approverUnavailable') : undefined}
                error={errors.approvedBy}
                required
              >
                {(props) => (
                  <select
                    {...props}
                    className="input"
                    value={change.approvedBy}
                    onChange={(e) => set({ approvedBy: e.target.value }, 'approvedBy')}
                  >
                    <option value="">{t('form.choose')}</option>
                    {admins.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.displayName}
                        {m.id === session?.id ? ` (${t('catalogueReview.who.you')})` : ''}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                id={idOf('approvedAt')}
                label={labels.approvedAt}
                help={t('catalogueReview.dialog.approvedAtHelp')}
                error={errors.approvedAt}
                required
              >
                {(props) => (
                  <input
                    {...props}
                    className="input input--digits"
                    inputMode="numeric"
                    dir="ltr"
                    value={format.digits(change.approvedAt)}
                    onChange={(e) => set({ approvedAt: e.target.value }, 'approvedAt')}
                  />
                )}
              </Field>
              <Field id={idOf('reference')} label={labels.reference} error={errors.reference} required>
                {(props) => (
                  <input
                    {...props}
                    className="input"
                    value={change.reference}
                    onChange={(e) => set({ reference: e.target.value }, 'reference')}
                  />
                )}
              </Field>
            </fieldset>
          ) : null}
          <Field
            id={idOf('comment')}
            label={needsComment ? t('catalogueReview.dialog.commentRequired') : labels.comment}
            help={
              needsComment ? t('catalogueReview.dialog.commentHelp') : t('catalogueReview.dialog.commentOptionalHelp')
            }
            error={errors.comment}
            required={needsComment}
          >
            {(props) => (
              <textarea
                {...props}
                className="input"
                rows={4}
                value={comment}
                onChange={(e) => {
                  onComment(e.target.value);
                  setErrors((x) => ({ ...x, comment: undefined }));
                }}
              />
            )}
          </Field>
        </div>
      ) : null}
    </Dialog>
  );
}
