import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../../../components/CopyButton';
import { Notice } from '../../../../components/Notice';
import { PageQueryStates } from '../../../../components/PageQueryStates';
import { PageHeader } from '../../../../components/PageHeader';
import { BackIcon, CheckIcon, CloseIcon, DocumentIcon, RefreshIcon } from '../../../../components/icons';
import { useFormat } from '../../../../lib/format';
import { useNow } from '../../../../lib/useNow';
import { useSession } from '../../../identity';
import {
  cardCapabilitiesQuery,
  cardQuery,
  cardsKey,
  daysUntil,
  queueKey,
  versionsOf,
  type ServiceCardView,
  type StepAction,
} from '../api';
import { CardContentView } from '../components/CardContentView';
import { CardDiffPanel } from '../components/CardDiffPanel';
import { CardFacts, ChangeBasis } from '../components/CardFacts';
import { CardHistory } from '../components/CardHistory';
import { CycleDialog, type Cycle, type CycleOutcome } from '../components/CycleDialog';
import { StepDialog, emptyChangeForm, type ChangeForm } from '../components/StepDialog';
import { useCardRefs } from '../refs';
import { QueryStates } from '../../../../components/QueryStates';

type Outcome = { kind: 'done'; what: StepAction | CycleOutcome } | { kind: 'conflict'; kept: string } | null;

const STEP_ORDER: readonly StepAction[] = ['submit', 'forward', 'approve', 'return', 'reject'];
/** Reminders start 60 days before expiry. */
const WARN_DAYS = 60;

/**
 * `/staff/catalogue/$cardId`: one service identity card, read-only, with what the viewer may do
 * now (exactly the card's capabilities: the workflow, the roles, and separation of duties — whoever
 * submitted the card, and a central reviewer of its agency or one above it, are offered no review
 * step), each step confirmed in a dialog. The service id once approved,
 * the dates in Jalali, expiry banners, the diff between versions (open at once for a change
 * request), the history. When someone else acted first (409) the page says so, reloads the card
 * and keeps what was typed.
 */
export function CardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { cardId = '' } = useParams({ strict: false });
  const queryClient = useQueryClient();
  const card = useQuery(cardQuery(cardId));
  const capabilities = useQuery(cardCapabilitiesQuery(cardId));
  const refs = useCardRefs(card.data);
  const { session } = useSession();
  const now = useNow(60_000);
  const [step, setStep] = useState<StepAction | null>(null);
  const [cycle, setCycle] = useState<Cycle | null>(null);
  const [comment, setComment] = useState('');
  const [change, setChange] = useState<ChangeForm>(emptyChangeForm);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: cardsKey }),
      queryClient.invalidateQueries({ queryKey: queueKey }),
      queryClient.invalidateQueries({ queryKey: ['catalogue', 'notifications'] }),
    ]);
  };
  const done = async (what: StepAction | CycleOutcome, view: ServiceCardView) => {
    setStep(null);
    setCycle(null);
    setComment('');
    setChange(emptyChangeForm());
    queryClient.setQueryData(cardQuery(cardId).queryKey, view);
    setOutcome({ kind: 'done', what });
    outcomeRef.current?.focus();
    await refresh();
  };
  const conflict = async () => {
    setStep(null);
    setCycle(null);
    setOutcome({ kind: 'conflict', kept: comment.trim() });
    await refresh();
    outcomeRef.current?.focus();
  };

  const page = (c: ServiceCardView) => {
    const title = typeof c.content.title === 'string' && c.content.title ? c.content.title : null;
    const can = capabilities.data;
    const steps = STEP_ORDER.filter((a) => can?.[a] === true);
    const offered = steps.length > 0 || !!can?.edit || !!can?.requestChange || !!can?.renew;
    const underReview = ['parent_review', 'central_review', 'renewal_review'].includes(c.status);
    const left = c.expiresAt ? daysUntil(c.expiresAt, now) : null;
    const expiringSoon = !c.expired && left !== null && left <= WARN_DAYS && c.approvedVersion !== null;
    const changeUnderWay = c.approvedVersion !== null && c.approvedVersion !== c.currentVersion;
    const overdue = c.status === 'parent_review' && c.reviewDueAt !== null && new Date(c.reviewDueAt).getTime() <= now;
    const hasVersions = versionsOf(c).length > 1;
    const openStep = (a: StepAction) => {
      setOutcome(null);
      // The submitter is usually the administrator who got the head's approval: offered first.
      if (
        a === 'submit' &&
        !change.approvedBy &&
        session?.roles.some((r) => r.role === 'agency_admin' && r.agencyId === c.agencyId)
      )
        setChange({ ...change, approvedBy: session.id });
      setStep(a);
    };
    const lastCommentTitle =
      c.status === 'returned'
        ? t('catalogueReview.cardPage.returnedTitle')
        : c.status === 'rejected'
          ? t('catalogueReview.cardPage.rejectedTitle')
          : c.status === 'approved' && c.history.at(-1)?.action === 'renewal_returned'
            ? t('catalogueReview.cardPage.renewalReturnedTitle')
            : null;

    return (
      <div className="stack-lg">
        <nav aria-label={t('a11y.breadcrumb')} className="breadcrumb">
          <Link to="/staff/catalogue/review">
            <BackIcon />
            {t('catalogueReview.cardPage.back')}
          </Link>
        </nav>
        <PageHeader
          title={title ?? t('catalogueReview.cardPage.untitled')}
          lead={t('catalogueReview.cardPage.lead', { agency: c.agencyName, version: format.number(c.currentVersion) })}
          icon={<DocumentIcon />}
        />

        <div aria-live="polite" className="stack" ref={outcomeRef} tabIndex={-1}>
          {outcome?.kind === 'conflict' ? (
            <Notice tone="warning" role="alert" title={t('catalogueReview.cardPage.conflictTitle')}>
              <p>{t('catalogueReview.cardPage.conflict')}</p>
              {outcome.kept ? (
                <>
                  <p>{t('catalogueReview.cardPage.keptComment')}</p>
                  <p className="timeline__note">{outcome.kept}</p>
                </>
              ) : null}
            </Notice>
          ) : outcome?.kind === 'done' ? (
            <Notice tone="success" title={t(`catalogueReview.cardPage.done.${outcome.what}`)} />
          ) : null}
        </div>

        {c.expired ? (
          <Notice tone="danger" title={t('catalogueReview.cardPage.expiredTitle')} className="card-banner">
            <p>{t('catalogueReview.cardPage.expiredBody', { date: format.date(c.expiresAt!) })}</p>
          </Notice>
        ) : expiringSoon ? (
          <Notice tone="warning" title={t('catalogueReview.cardPage.expiringTitle')} className="card-banner">
            <p>
              {t('catalogueReview.cardPage.expiringBody', {
                days: format.number(Math.max(0, left ?? 0)),
                date: format.date(c.expiresAt!),
              })}
            </p>
          </Notice>
        ) : null}

        {lastCommentTitle && c.lastComment ? (
          <Notice tone={c.status === 'rejected' ? 'danger' : 'warning'} title={lastCommentTitle}>
            <p>
              <strong>{t('catalogueReview.cardPage.lastComment')}:</strong> {c.lastComment}
            </p>
          </Notice>
        ) : null}

        {changeUnderWay ? (
          <Notice tone="info">
            <p>{t('catalogueReview.cardPage.changeInProgress', { approved: format.number(c.approvedVersion!) })}</p>
          </Notice>
        ) : null}

        {c.serviceId ? (
          <section className="tracking service-id" aria-labelledby="service-id-label">
            <p id="service-id-label" className="tracking__label">
              {t('catalogueReview.cardPage.serviceId')}
            </p>
            <p className="tracking__code">
              <bdi dir="ltr" data-service-id={c.serviceId}>
                {format.digits(c.serviceId)}
              </bdi>
            </p>
            <CopyButton text={c.serviceId} label={t('catalogueReview.cardPage.copyServiceId')} />
            <p className="tracking__help">{t('catalogueReview.cardPage.serviceIdHelp')}</p>
          </section>
        ) : null}

        <CardFacts card={c} overdue={overdue} />

        <section className="card stack" aria-labelledby="card-actions-title">
          <h2 id="card-actions-title" className="card__title">
            {t('catalogueReview.cardPage.actions')}
          </h2>
          <QueryStates
            query={capabilities}
            isEmpty={() => !offered}
            empty={
              <p className="text-muted">
                {underReview ? t('catalogueReview.cardPage.noReviewActions') : t('catalogueReview.cardPage.noActions')}
              </p>
            }
          >
            {() => (
              <div className="form-actions card-actions">
                {can?.edit ? (
                  <Link
                    to="/staff/catalogue/$cardId/edit"
                    params={{ cardId: c.id }}
                    className="button button--secondary"
                  >
                    {t('catalogueReview.cardPage.edit')}
                  </Link>
                ) : null}
                {steps.map((a) => (
                  <button
                    key={a}
                    type="button"
                    className={
                      a === 'reject'
                        ? 'button button--danger'
                        : a === 'return'
                          ? 'button button--secondary'
                          : a === 'approve'
                            ? 'button button--success'
                            : 'button'
                    }
                    onClick={() => openStep(a)}
                  >
                    {a === 'approve' ? <CheckIcon /> : a === 'reject' ? <CloseIcon /> : null}
                    {t(`catalogueReview.cardPage.${a}`)}
                  </button>
                ))}
                {can?.requestChange ? (
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => {
                      setOutcome(null);
                      setCycle('change');
                    }}
                  >
                    {t('catalogueReview.cardPage.change')}
                  </button>
                ) : null}
                {can?.renew ? (
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      setOutcome(null);
                      setCycle('renew');
                    }}
                  >
                    <RefreshIcon />
                    {t('catalogueReview.cardPage.renew')}
                  </button>
                ) : null}
              </div>
            )}
          </QueryStates>
        </section>

        <ChangeBasis card={c} refs={refs} />

        {hasVersions ? (
          <CardDiffPanel key={`${c.currentVersion}-${c.approvedVersion ?? 0}`} card={c} refs={refs} />
        ) : null}

        <section className="card stack" aria-labelledby="card-content-title">
          <h2 id="card-content-title" className="card__title">
            {t('catalogueReview.cardPage.content', { n: format.number(c.currentVersion) })}
          </h2>
          <CardContentView card={c} refs={refs} />
        </section>

        <section className="card stack" aria-labelledby="card-history-title">
          <h2 id="card-history-title" className="card__title">
            {t('catalogueReview.cardPage.history')}
          </h2>
          <CardHistory card={c} refs={refs} />
        </section>

        <StepDialog
          card={c}
          action={step}
          comment={comment}
          onComment={setComment}
          change={change}
          onChange={setChange}
          onClose={() => setStep(null)}
          onDone={(a, view) => void done(a, view)}
          onConflict={() => void conflict()}
        />
        <CycleDialog
          card={c}
          cycle={cycle}
          comment={comment}
          onComment={setComment}
          onClose={() => setCycle(null)}
          onDone={(o, view) => void done(o, view)}
          onConflict={() => void conflict()}
        />
      </div>
    );
  };

  return (
    <PageQueryStates
      query={card}
      icon={<DocumentIcon />}
      loadingTitle={t('catalogueReview.cardPage.loadingTitle')}
      failedTitle={t('catalogueReview.cardPage.errorTitle')}
      back={
        <Link to="/staff/catalogue/review" className="button button--secondary">
          {t('catalogueReview.cardPage.back')}
        </Link>
      }
    >
      {page}
    </PageQueryStates>
  );
}
