import { ChannelFacts } from '../../channels';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SubmitButton } from '../../../components/SubmitButton';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { PageQueryStates } from '../../../components/PageQueryStates';
import { PageHeader } from '../../../components/PageHeader';
import { BackIcon, CheckIcon, CloseIcon, InboxIcon } from '../../../components/icons';
import { ApiError } from '../../../lib/api';
import type { RequestView } from '../../../lib/contracts';
import { useFormat } from '../../../lib/format';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { RequestDeliveries } from '../../notifications';
import { WorkItemSection } from '../cartable/WorkItemSection';
import { otherSteps, WorkflowSteps } from '../components/WorkflowSteps';
import {
  AnswerDialog,
  ApplicantFacts,
  AskCorrectionButton,
  HistoryTimeline,
  isDecided,
  isEnded,
  RequestThread,
  RequestAnswers,
  RequestDocuments,
  RequestFacts,
  SignedAnswer,
  requestQuery,
  type AnswerDecision,
  takeRequest,
} from '../../requests';

type Decision = AnswerDecision;
type Outcome = { kind: 'taken' } | { kind: 'decided'; decision: Decision; signingError?: string | null | undefined } | { kind: 'conflict' } | null;

/** Someone changed the request first (a stale version, or an action its new status no longer allows). */
const isConflict = (error: unknown) => error instanceof ApiError && error.status === 409;

/**
 * `/staff/requests/$requestId`: one request in the clerk's hands. Take it, then approve or reject it
 * (a rejection needs its reason), each decision confirmed in a dialog first. When someone else acted
 * first (409), the page says so and shows the request as it now is.
 */
export function StaffRequestPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { requestId = '' } = useParams({ strict: false });
  const queryClient = useQueryClient();
  const request = useQuery(requestQuery(requestId));
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [deciding, setDeciding] = useState<Decision | null>(null);

  const afterChange = async (view: RequestView | undefined) => {
    if (view) queryClient.setQueryData(requestQuery(requestId).queryKey, view);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: requestQuery(requestId).queryKey }),
      queryClient.invalidateQueries({ queryKey: ['requests', 'cartable'] }),
    ]);
  };

  // One key per (action, version): a double click or a retry replays the first answer.
  const keys = useRef(createSubmissionKeys()).current;
  const take = useMutation({
    mutationFn: (version: number | undefined) =>
      takeRequest(requestId, version, keys.keyFor({ action: 'take', version })),
    onSuccess: async (view) => {
      setOutcome({ kind: 'taken' });
      await afterChange(view);
    },
    onError: async (error) => {
      if (isConflict(error)) {
        setOutcome({ kind: 'conflict' });
        await afterChange(undefined);
      }
    },
  });

  const page = (r: RequestView) => {
    // The server says what this viewer may do now; without that, the status decides.
    const canTake = r.actions ? r.actions.includes('take') : r.status === 'submitted';
    // The decisions the request's definition offers this viewer now (a step's `decision`, whatever its
    // id); an approval in part goes wherever an approval does (the server ends it in the state for it).
    const decides = (d: Decision, id: string) =>
      r.steps ? r.steps.some((s) => s.decision === d || (s.decision === undefined && s.id === id)) : (r.actions?.includes(id) ?? r.status === 'in_review');
    const canApprove = decides('approve', 'approve');
    const canPartial = canApprove || decides('partial', 'approve_partially');
    const canReject = decides('reject', 'reject');
    const canAsk = r.actions?.includes('request_information') ?? false;
    const canDecide = canApprove || canPartial || canReject || canAsk;

    return (
      <div className="stack-lg">
        <nav aria-label={t('a11y.breadcrumb')} className="breadcrumb">
          <Link to="/staff">
            <BackIcon />
            {t('staffRequest.back')}
          </Link>
        </nav>
        <PageHeader
          title={r.serviceTitle}
          lead={
            <>
              {t('requests.fields.trackingCode')}: <bdi dir="ltr">{format.digits(r.trackingCode)}</bdi>
            </>
          }
          icon={<InboxIcon />}
        />

        <div aria-live="polite" className="stack">
          {outcome?.kind === 'conflict' ? (
            <Notice tone="warning" role="alert" title={t('staffRequest.conflictTitle')}>
              <p>{t('staffRequest.conflictBody')}</p>
            </Notice>
          ) : outcome?.kind === 'taken' ? (
            <Notice tone="success" title={t('staffRequest.taken')} />
          ) : outcome?.kind === 'decided' ? (
            <Notice
              tone={outcome.signingError ? 'warning' : 'success'}
              title={outcome.decision === 'reject' ? t('staffRequest.rejected') : t('staffRequest.approved')}
            >
              <p>{outcome.signingError ? t('answer.signingFailed', { code: outcome.signingError }) : t('answer.issued')}</p>
            </Notice>
          ) : null}
        </div>

        <section className="card stack" aria-labelledby="case-actions">
          <h2 id="case-actions" className="card__title">
            {t('staffRequest.actions')}
          </h2>
          <RequestFacts request={r} />
          {r.decisionNote ? (
            <Notice tone="info" title={t('receipt.decisionNote')}>
              <p dir="auto">{r.decisionNote}</p>
            </Notice>
          ) : null}
          {take.isError && !isConflict(take.error) ? <ErrorNotice error={take.error} /> : null}
          {canTake || canDecide ? (
            <div className="form-actions">
              {canTake ? (
                <SubmitButton
                  type="button"
                  pending={take.isPending}
                  onClick={() => {
                    setOutcome(null);
                    take.mutate(r.version);
                  }}
                >
                  {t('staffRequest.take')}
                </SubmitButton>
              ) : null}
              {canApprove ? (
                <button
                  type="button"
                  className="button button--success"
                  onClick={() => {
                    setOutcome(null);
                    setDeciding('approve');
                  }}
                >
                  <CheckIcon />
                  {t('staffRequest.approve')}
                </button>
              ) : null}
              {canPartial ? (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    setOutcome(null);
                    setDeciding('partial');
                  }}
                >
                  {t('answer.partial')}
                </button>
              ) : null}
              {canReject ? (
                <button
                  type="button"
                  className="button button--danger"
                  onClick={() => {
                    setOutcome(null);
                    setDeciding('reject');
                  }}
                >
                  <CloseIcon />
                  {t('staffRequest.reject')}
                </button>
              ) : null}
              <AskCorrectionButton request={r} />
            </div>
          ) : otherSteps(r).length > 0 ? null : (
            <p className="text-muted">
              {isEnded(r)
                ? t('staffRequest.closed')
                : t('staffRequest.noActions')}
            </p>
          )}
          <WorkflowSteps request={r} onDone={afterChange} />
        </section>

        <WorkItemSection requestId={r.id} />

        {isDecided(r) ? <SignedAnswer requestId={r.id} staff /> : null}

        {r.applicant ? (
          <section className="card stack" aria-labelledby="case-applicant">
            <h2 id="case-applicant" className="card__title">
              {t('desk.applicant.title')}
            </h2>
            <ApplicantFacts requestId={r.id} applicant={r.applicant} />
          </section>
        ) : null}

        <ChannelFacts requestId={r.id} />

        <section className="card stack" aria-labelledby="case-answers">
          <h2 id="case-answers" className="card__title">
            {t('requests.answers.title')}
          </h2>
          <RequestAnswers serviceId={r.serviceId} form={r.form} />
        </section>

        <RequestDocuments requestId={r.id} />

        <section className="card stack" aria-labelledby="case-history">
          <h2 id="case-history" className="card__title">
            {t('requests.history.title')}
          </h2>
          <HistoryTimeline events={r.history} />
        </section>

        <RequestThread request={r} />

        <RequestDeliveries requestId={r.id} />

        <AnswerDialog
          requestId={requestId}
          version={r.version}
          decision={deciding}
          onClose={() => setDeciding(null)}
          onDone={async (decision, answer) => {
            setDeciding(null);
            setOutcome({ kind: 'decided', decision, signingError: answer.signingError });
            await Promise.all([afterChange(undefined), queryClient.invalidateQueries({ queryKey: ['requests', 'answer', requestId] })]);
          }}
          onConflict={async () => {
            setDeciding(null);
            setOutcome({ kind: 'conflict' });
            await afterChange(undefined);
          }}
        />
      </div>
    );
  };

  return (
    <PageQueryStates
      query={request}
      icon={<InboxIcon />}
      loadingTitle={t('staffRequest.loadingTitle')}
      failedTitle={t('staffRequest.errorTitle')}
      back={
        <Link to="/staff" className="button button--secondary">
          {t('staffRequest.back')}
        </Link>
      }
    >
      {page}
    </PageQueryStates>
  );
}
