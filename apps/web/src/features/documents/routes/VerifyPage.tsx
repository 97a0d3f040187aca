import { useQuery } from '@tanstack/react-query';
import { useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { UserText } from '../../../components/UserText';
import { CheckIcon } from '../../../components/icons';
import { ApiError } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { Fact } from '../components/Fact';
import { useStaticPage } from '../../../lib/staticPage';
import { cleanCode, verifyQuery, type DocumentVerification } from '../api';
import type { VerifyUploadState } from '../verifyAction';

/**
 * `/v` and `/v/<code>` (the address of a document's QR code): the public verification, rendered on
 * the server (ADR 0018) and working without JavaScript. A GET form for the code, a posted upload
 * form for the PDF (answered by `verifyUploadAction`), and the answer: the issuing agency, the
 * document's status, each signer and the verdict with its reason. Where the browser can read a QR
 * code with the camera, `/scan-qr.js` (this page's only script) shows a scan button.
 */
export function VerifyPage() {
  const { t, i18n } = useTranslation();
  const page = useStaticPage();
  const params = useParams({ strict: false });
  const search = useSearch({ strict: false });
  const code = cleanCode(String(params.code ?? search.code ?? ''));
  const upload = page?.formState as VerifyUploadState | undefined;
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'fa';

  return (
    <div className="stack-lg narrow verify-page">
      <PageHeader title={t('verify.title')} lead={t('verify.lead')} icon={<CheckIcon />} />
      {upload && 'result' in upload ? (
        <VerificationResult v={upload.result} lang={lang} caption={t('verify.forFile', { name: upload.fileName })} />
      ) : null}
      {upload && 'error' in upload ? <ErrorNotice error={upload.error} title={t('verify.refused')} /> : null}
      {!upload && code ? <CodeResult code={code} lang={lang} /> : null}

      <section className="card stack" aria-labelledby="verify-by-code">
        <h2 id="verify-by-code" className="card__title">
          {t('verify.byCode')}
        </h2>
        <form className="stack" method="get" action="/v">
          <Field id="verify-code" name="code" label={t('verify.code')} help={t('verify.codeHelp')}>
            {(props) => (
              <input
                {...props}
                className="input input--digits"
                type="text"
                dir="ltr"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={32}
                defaultValue={code}
              />
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button">
              {t('verify.check')}
            </button>
          </div>
        </form>
        <div id="qr-scan" className="stack" hidden data-failed={t('verify.scanFailed')}>
          <div className="form-actions">
            <button type="button" className="button button--secondary" data-scan-start>
              {t('verify.scan')}
            </button>
            <button type="button" className="button button--ghost" data-scan-stop hidden>
              {t('verify.scanStop')}
            </button>
          </div>
          <video className="qr-scan__video" muted playsInline hidden aria-label={t('verify.scanHelp')} />
          <p className="text-muted" role="status" data-scan-status />
        </div>
      </section>

      <section className="card stack" aria-labelledby="verify-by-file">
        <h2 id="verify-by-file" className="card__title">
          {t('verify.byFile')}
        </h2>
        <form className="stack" method="post" action="/v" encType="multipart/form-data">
          <input type="hidden" name="_csrf" value={page?.csrfToken ?? ''} />
          <Field
            id="verify-file"
            name="pdf"
            label={t('verify.file')}
            help={t('verify.fileHelp')}
            error={upload && 'missingFile' in upload ? t('verify.missingFile') : undefined}
          >
            {(props) => <input {...props} className="input" type="file" accept="application/pdf" />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button">
              {t('verify.send')}
            </button>
          </div>
        </form>
      </section>
      {page ? <script src="/scan-qr.js" defer /> : null}
    </div>
  );
}

/** The answer for a code (the QR's address, or the GET form's): asked of the API as this visitor. */
function CodeResult({ code, lang }: { code: string; lang: 'fa' | 'en' }) {
  const { t } = useTranslation();
  const page = useStaticPage();
  const query = useQuery(verifyQuery(code));
  // The page's status is the API's answer: 404 for an unknown code, 429 past the limit.
  if (page && query.error instanceof ApiError) page.status = query.error.status;
  if (query.data) return <VerificationResult v={query.data} lang={lang} />;
  return query.error ? <ErrorNotice error={query.error} title={t('verify.refused')} /> : null;
}

const GOOD = new Set(['valid']);
const QUIET = new Set(['not_signed']);

/** The answer: the verdict in words, the document as Dargah recorded it, and each signature. */
function VerificationResult({ v, lang, caption }: { v: DocumentVerification; lang: 'fa' | 'en'; caption?: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const verdict = v.verdict.code;
  const tone =
    GOOD.has(verdict) && v.document?.status !== 'revoked' ? 'success' : QUIET.has(verdict) ? 'warning' : 'danger';
  const known = (key: string, group: 'verify.verdict' | 'verify.kinds' | 'verify.statuses' | 'roles') =>
    i18n.exists(`${group}.${key}`) ? t(`${group}.${key}` as 'verify.title') : key;
  const doc = v.document;
  return (
    <section className="stack" aria-labelledby="verify-result" data-verdict={verdict}>
      <h2 id="verify-result" className="visually-hidden">
        {t('verify.result')}
      </h2>
      <Notice tone={tone} role="status" title={known(verdict, 'verify.verdict')}>
        {caption ? <p className="text-muted">{caption}</p> : null}
        <p>{v.verdict.reason[lang]}</p>
        {v.changedAfterLastSignature ? <p>{t('verify.changedAfter')}</p> : null}
      </Notice>
      {doc ? (
        <div className="card stack">
          <h3 className="card__title">{t('verify.document')}</h3>
          <dl className="facts">
            <Fact label={t('verify.agency')}>
              <UserText>{doc.agency.name}</UserText>
            </Fact>
            <Fact label={t('verify.kind')}>{known(doc.kind, 'verify.kinds')}</Fact>
            <Fact label={t('verify.code')} dir="ltr">
              {doc.verificationCode}
            </Fact>
            <Fact label={t('verify.issuedAt')}>{format.dateTime(doc.issuedAt)}</Fact>
            <Fact label={t('verify.status')} data-status={doc.status}>
              {known(doc.status, 'verify.statuses')} — {doc.statusReason[lang]}
            </Fact>
            {doc.supersededByCode ? (
              <Fact label={t('verify.supersededBy')}>
                <a href={`/v/${doc.supersededByCode}`} dir="ltr">
                  {doc.supersededByCode}
                </a>
              </Fact>
            ) : null}
            {doc.revokeReason ? (
              <Fact label={t('verify.revokeReason')}>
                <UserText>{doc.revokeReason}</UserText>
              </Fact>
            ) : null}
          </dl>
        </div>
      ) : (
        <Notice tone="info" title={t('verify.notOurs')} />
      )}
      <div className="card stack">
        <h3 className="card__title">{t('verify.signatures')}</h3>
        {v.signatures.length === 0 ? (
          <p>{t('verify.noSignatures')}</p>
        ) : (
          <ol className="signature-list stack">
            {v.signatures.map((s, i) => (
              <li key={i} className="signature-list__item" data-verdict={s.verdict.code}>
                <p className="signature-list__name">
                  <strong>{s.signer.name ? <UserText>{s.signer.name}</UserText> : t('verify.unknown')}</strong>
                  {s.signer.role
                    ? ` — ${s.signer.role
                        .split(',')
                        .map((r) => known(r, 'roles'))
                        .join('، ')}`
                    : ''}
                </p>
                <dl className="facts">
                  <Fact label={t('verify.issuer')} dir="auto">
                    {s.signer.issuer ?? t('verify.unknown')}
                  </Fact>
                  <Fact label={t('verify.signedAt')}>
                    {format.dateTime(s.signingTime)} (
                    {s.timestamped ? t('verify.timestamped') : t('verify.notTimestamped')})
                  </Fact>
                  <Fact label={t('verify.result')}>
                    {known(s.verdict.code, 'verify.verdict')}: {s.verdict.reason[lang]}
                  </Fact>
                </dl>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
