import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../../components/CopyButton';
import { Notice } from '../../../components/Notice';
import { PageQueryStates } from '../../../components/PageQueryStates';
import { PageHeader } from '../../../components/PageHeader';
import { DocumentIcon, PrintIcon } from '../../../components/icons';
import type { RequestView } from '../../../lib/contracts';
import { useFormat } from '../../../lib/format';
import { ChannelFacts } from '../../channels';
import { RatingSection } from '../../feedback';
import { isDecided, isEnded, receiptPdfHref, requestQuery } from '../api';
import { ApplicantFacts } from '../components/ApplicantFacts';
import { HistoryTimeline } from '../components/HistoryTimeline';
import { CorrectionReplyPanel, RequestThread } from '../components/RequestInteraction';
import { RequestAnswers } from '../components/RequestAnswers';
import { RequestDocuments } from '../components/RequestDocuments';
import { RequestFacts } from '../components/RequestFacts';
import { SignedAnswer } from '../components/SignedAnswer';

/**
 * `/me/requests/$requestId`: the receipt of a request. The tracking code comes first and large (with
 * a copy button), then status, answer due date, the decision and what happened so far. It prints
 * as a clean receipt (`@media print`, «چاپ رسید»).
 */
export function ReceiptPage() {
  const { t } = useTranslation();
  const { requestId = '' } = useParams({ strict: false });
  const { submitted } = useSearch({ strict: false });
  const request = useQuery(requestQuery(requestId));

  return (
    <PageQueryStates
      query={request}
      icon={<DocumentIcon />}
      loadingTitle={t('receipt.loadingTitle')}
      failedTitle={t('receipt.errorTitle')}
      back={
        <Link to="/me" className="button button--secondary">
          {t('receipt.backToMine')}
        </Link>
      }
    >
      {(r) => <Receipt r={r} submitted={Boolean(submitted)} />}
    </PageQueryStates>
  );
}

function Receipt({ r, submitted }: { r: RequestView; submitted: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="stack-lg receipt">
      <p className="print-only">
        {t('app.name')} · {t('app.tagline')}
      </p>
      {submitted ? (
        <Notice tone="success" role="status" title={t('receipt.submittedTitle')} className="no-print">
          <p>{t('receipt.submittedBody')}</p>
        </Notice>
      ) : null}
      <PageHeader title={t('receipt.title')} lead={r.serviceTitle} icon={<DocumentIcon />} />

      <section className="card receipt-card stack" aria-labelledby="receipt-summary">
        <h2 id="receipt-summary" className="visually-hidden">
          {t('receipt.summary')}
        </h2>
        <div className="tracking" role="group" aria-labelledby="tracking-label">
          <p id="tracking-label" className="tracking__label">
            {t('receipt.trackingCode')}
          </p>
          <p className="tracking__code" dir="ltr">
            {format.digits(r.trackingCode)}
          </p>
          <p className="tracking__help">{t('receipt.trackingHelp')}</p>
          <div className="no-print">
            <CopyButton text={r.trackingCode} label={t('receipt.copy')} />
          </div>
        </div>
        <RequestFacts request={r} />
        {r.applicant ? <ApplicantFacts requestId={r.id} applicant={r.applicant} /> : null}
        {r.decisionNote ? (
          <Notice tone={r.status === 'rejected' ? 'danger' : 'info'} title={t('receipt.decisionNote')}>
            <p dir="auto">{r.decisionNote}</p>
          </Notice>
        ) : null}
        <div className="form-actions no-print">
          <button type="button" className="button" onClick={() => window.print()}>
            <PrintIcon />
            {t('receipt.print')}
          </button>
          <a className="button button--secondary" href={receiptPdfHref(r.id)} download>
            <DocumentIcon />
            {t('receipt.downloadPdf')}
          </a>
          <Link to="/me" className="button button--ghost">
            {t('receipt.backToMine')}
          </Link>
        </div>
      </section>

      <div className="no-print">
        <ChannelFacts requestId={r.id} />
      </div>

      {isDecided(r) ? (
        <div className="no-print">
          <SignedAnswer requestId={r.id} />
        </div>
      ) : null}

      {isEnded(r) ? (
        <div className="no-print">
          <RatingSection requestId={r.id} />
        </div>
      ) : null}

      <div className="no-print stack-lg">
        <CorrectionReplyPanel request={r} />
      </div>

      <section className="card stack" aria-labelledby="receipt-history">
        <h2 id="receipt-history" className="card__title">
          {t('requests.history.title')}
        </h2>
        <HistoryTimeline events={r.history} />
      </section>

      <section className="card stack" aria-labelledby="receipt-answers">
        <h2 id="receipt-answers" className="card__title">
          {t('requests.answers.title')}
        </h2>
        <RequestAnswers serviceId={r.serviceId} form={r.form} />
      </section>

      <RequestDocuments requestId={r.id} />

      <div className="no-print">
        <RequestThread request={r} />
      </div>
    </div>
  );
}
