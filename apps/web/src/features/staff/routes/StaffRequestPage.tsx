import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';
import { SubmitButton } from '../../../components/SubmitButton';
import { Field } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { PageQueryStates } from '../../../components/PageQueryStates';
import { PageHeader } from '../../../components/PageHeader';
import { BackIcon, CheckIcon, CloseIcon, InboxIcon } from '../../../components/icons';
import { ApiError } from '../../../lib/api';
import type { RequestView } from '../../../lib/contracts';
import { fieldErrorsOf } from '../../../lib/fieldErrors';
import { useFormat } from '../../../lib/format';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { RequestDeliveries } from '../../notifications';
import {
  ApplicantFacts,
  AskCorrectionButton,
  HistoryTimeline,
  RequestThread,
  RequestAnswers,
  RequestFacts,
  decideRequest,
  requestQuery,
  takeRequest,
} from '../../requests';

type Decision = 'approve' | 'reject';
type Outcome = { kind: 'taken' } | { kind: 'decided'; decision: Decision } | { kind: 'conflict' } | null;

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
    const canApprove = r.actions ? r.actions.includes('approve') : r.status === 'in_review';
    const canReject = r.actions ? r.actions.includes('reject') : r.status === 'in_review';
    const canAsk = r.actions?.includes('request_information') ?? false;
    const canDecide = canApprove || canReject || canAsk;

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
              tone="success"
              title={outcome.decision === 'approve' ? t('staffRequest.approved') : t('staffRequest.rejected')}
            />
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
          ) : (
            <p className="text-muted">
              {r.status === 'approved' || r.status === 'rejected'
                ? t('staffRequest.closed')
                : t('staffRequest.noActions')}
            </p>
          )}
        </section>

        {r.applicant ? (
          <section className="card stack" aria-labelledby="case-applicant">
            <h2 id="case-applicant" className="card__title">
              {t('desk.applicant.title')}
            </h2>
            <ApplicantFacts requestId={r.id} applicant={r.applicant} />
          </section>
        ) : null}

        <section className="card stack" aria-labelledby="case-answers">
          <h2 id="case-answers" className="card__title">
            {t('requests.answers.title')}
          </h2>
          <RequestAnswers serviceId={r.serviceId} form={r.form} />
        </section>

        <section className="card stack" aria-labelledby="case-history">
          <h2 id="case-history" className="card__title">
            {t('requests.history.title')}
          </h2>
          <HistoryTimeline events={r.history} />
        </section>

        <RequestThread request={r} />

        <RequestDeliveries requestId={r.id} />

        <DecisionDialog
          requestId={requestId}
          version={r.version}
          decision={deciding}
          onClose={() => setDeciding(null)}
          onDone={async (decision, view) => {
            setDeciding(null);
            setOutcome({ kind: 'decided', decision });
            await afterChange(view);
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

function DecisionDialog({
  requestId,
  version,
  decision,
  onClose,
  onDone,
  onConflict,
}: {
  requestId: string;
  version: number | undefined;
  decision: Decision | null;
  onClose: () => void;
  onDone: (decision: Decision, view: RequestView | undefined) => Promise<void>;
  onConflict: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const noteId = useId();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();
  const keys = useRef(createSubmissionKeys()).current;
  const decide = useMutation({
    mutationFn: (body: { decision: Decision; note?: string; version?: number | undefined }) =>
      decideRequest(requestId, body, keys.keyFor(body)),
    onSuccess: async (view, body) => {
      setNote('');
      await onDone(body.decision, view);
    },
    onError: async (error) => {
      if (isConflict(error)) await onConflict();
      const message = fieldErrorsOf(error)?.fields.note;
      if (message) {
        setNoteError(message);
        document.getElementById(noteId)?.focus();
      }
    },
  });
  const reject = decision === 'reject';

  const confirm = () => {
    if (decide.isPending || !decision) return;
    const trimmed = note.trim();
    if (reject && trimmed === '') {
      setNoteError(t('staffRequest.noteRequired'));
      document.getElementById(noteId)?.focus();
      return;
    }
    if ([...trimmed].length > 2000) {
      setNoteError(t('validation.tooLong', { count: 2000, n: 2000 }));
      document.getElementById(noteId)?.focus();
      return;
    }
    decide.mutate({ decision, ...(trimmed ? { note: trimmed } : {}), ...(version === undefined ? {} : { version }) });
  };

  return (
    <Dialog
      open={decision !== null}
      onClose={() => {
        decide.reset();
        setNoteError(undefined);
        onClose();
      }}
      title={reject ? t('staffRequest.rejectTitle') : t('staffRequest.approveTitle')}
      footer={
        <>
          <SubmitButton
            type="button"
            pending={decide.isPending}
            variant={reject ? 'danger' : 'success'}
            onClick={confirm}
          >
            {reject ? t('staffRequest.confirmReject') : t('staffRequest.confirmApprove')}
          </SubmitButton>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <p>{reject ? t('staffRequest.rejectBody') : t('staffRequest.approveBody')}</p>
      {decide.isError && !isConflict(decide.error) && !fieldErrorsOf(decide.error)?.fields.note ? (
        <ErrorNotice error={decide.error} />
      ) : null}
      <Field
        id={noteId}
        name="note"
        label={reject ? t('staffRequest.reason') : t('staffRequest.note')}
        help={reject ? t('staffRequest.reasonHelp') : t('staffRequest.noteHelp')}
        error={noteError}
        required={reject}
      >
        {(props) => (
          <textarea
            {...props}
            className="input"
            rows={4}
            value={note}
            onChange={(event) => {
              setNote(event.target.value);
              setNoteError(undefined);
            }}
          />
        )}
      </Field>
    </Dialog>
  );
}
