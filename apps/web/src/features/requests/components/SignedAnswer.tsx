import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { DocumentIcon } from '../../../components/icons';
import { useFormat } from '../../../lib/format';
import { answerPdfHref, answerQuery } from '../api';

/**
 * A decided request's signed answer (issue 11, item 7): the outcome, the parts not granted, the
 * legal basis cited, the verification code with a link to the public verification page, and the
 * PDF. The applicant downloads it once it is signed (the server refuses before); desk staff
 * (`staff`) at any time. Nothing is shown while the request has no answer.
 */
export function SignedAnswer({ requestId, staff = false }: { requestId: string; staff?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery(answerQuery(requestId));
  if (query.isError) return <ErrorNotice error={query.error} />;
  const a = query.data;
  if (!a) return null;
  const signed = a.signatureCount > 0;
  const outcome = a.decision === 'rejected' ? 'rejected' : a.partial ? 'partial' : 'approved';
  return (
    <section className="card stack" aria-labelledby={`answer-${requestId}`}>
      <h2 id={`answer-${requestId}`} className="card__title">
        {t('answer.title')}
      </h2>
      <dl className="facts">
        <div className="facts__row">
          <dt>{t('answer.decision')}</dt>
          <dd>{t(`answer.decisions.${outcome}`)}</dd>
        </div>
        {a.notGranted ? (
          <div className="facts__row">
            <dt>{t('answer.notGranted')}</dt>
            <dd dir="auto">{a.notGranted}</dd>
          </div>
        ) : null}
        {a.legalBasis.length > 0 ? (
          <div className="facts__row">
            <dt>{t('answer.legalBasis')}</dt>
            <dd>
              <ul>
                {a.legalBasis.map((l) => (
                  <li key={`${l.lawId}-${l.article}`} dir="auto">
                    {l.lawTitle}، {t('answer.article', { article: format.digits(l.article) })}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        <div className="facts__row">
          <dt>{t('answer.code')}</dt>
          <dd>
            <bdi dir="ltr">{a.verificationCode}</bdi>
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('answer.state')}</dt>
          <dd>{signed ? t('answer.signed', { count: a.signatureCount, n: format.digits(a.signatureCount) }) : t('answer.unsigned')}</dd>
        </div>
      </dl>
      {!signed && !staff ? <Notice tone="info" title={t('answer.unsignedCitizen')} /> : null}
      <div className="form-actions">
        {signed || staff ? (
          <a className="button" href={answerPdfHref(requestId)} download>
            <DocumentIcon />
            {signed ? t('answer.download') : t('answer.downloadStaff')}
          </a>
        ) : null}
        <a className="button button--ghost" href={`/v/${encodeURIComponent(a.verificationCode)}`}>
          {t('answer.verify')}
        </a>
      </div>
    </section>
  );
}
