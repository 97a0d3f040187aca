import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { PageQueryStates } from '../../../components/PageQueryStates';
import { SubmitButton } from '../../../components/SubmitButton';
import { UserText } from '../../../components/UserText';
import { BackIcon, DocumentIcon } from '../../../components/icons';
import { ApiError } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { Fact } from '../components/Fact';
import { documentQuery, documentsKey, pdfHref, signDocument, type DocumentDetail } from '../api';

/**
 * `/staff/documents/<id>`: a document of my agency (kind, title, status, its signatures so far), its
 * PDF to view or download, and «sign», which asks for the signing PIN in a dialog after saying what
 * signing means. A wrong PIN is counted by the server (the count shows here), the fifth locks the
 * key until an agency administrator unlocks it (said in words), and a signature appears in the list.
 */
export function DocumentPage() {
  const { t } = useTranslation();
  const { documentId } = useParams({ from: '/staff/staff-area/documents/$documentId' });
  const query = useQuery(documentQuery(documentId));
  const [signed, setSigned] = useState(false);
  return (
    <div className="stack-lg">
      <nav aria-label={t('a11y.breadcrumb')} className="breadcrumb">
        <Link to="/staff/documents">
          <BackIcon />
          {t('documents.doc.back')}
        </Link>
      </nav>
      <PageQueryStates
        query={query}
        icon={<DocumentIcon />}
        loadingTitle={t('documents.doc.facts')}
        loadingLabel={t('documents.doc.loading')}
        failedTitle={t('documents.doc.failed')}
        notFound={<Notice tone="warning" title={t('documents.doc.notFound')} />}
      >
        {(doc) => <DocumentBody doc={doc} signed={signed} onSigned={() => setSigned(true)} />}
      </PageQueryStates>
    </div>
  );
}

function DocumentBody({ doc, signed, onSigned }: { doc: DocumentDetail; signed: boolean; onSigned: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [signing, setSigning] = useState(false);
  const key = doc.myKey;
  const signable = doc.status === 'issued' && !doc.signedByMe;
  return (
    <>
      <PageHeader
        title={doc.title || t(`documents.kinds.${doc.kind}`)}
        icon={<DocumentIcon />}
        kicker={t(`documents.kinds.${doc.kind}`)}
      />
      {signed ? <Notice tone="success" role="status" title={t('documents.doc.signed')} /> : null}
      <div className="workspace-grid">
        <section className="card stack" aria-labelledby="doc-facts">
          <h2 id="doc-facts" className="card__title">
            {t('documents.doc.facts')}
          </h2>
          <dl className="facts">
            <Fact label={t('documents.doc.agency')}>
              <UserText>{doc.agency.name}</UserText>
            </Fact>
            <Fact label={t('documents.doc.status')} data-status={doc.status}>
              {t(`documents.statuses.${doc.status}`)}
            </Fact>
            <Fact label={t('documents.doc.code')} dir="ltr">
              {doc.verificationCode}
            </Fact>
            <Fact label={t('documents.doc.issuedAt')}>{format.dateTime(doc.issuedAt)}</Fact>
            <Fact label={t('documents.doc.pages')}>{format.number(doc.pages)}</Fact>
            {doc.revokeReason ? (
              <Fact label={t('documents.doc.revokeReason')}>
                <UserText>{doc.revokeReason}</UserText>
              </Fact>
            ) : null}
          </dl>
          <div className="form-actions">
            <a className="button button--secondary" href={pdfHref(doc.id, 'inline')} target="_blank" rel="noopener">
              {t('documents.doc.view')}
            </a>
            <a className="button button--secondary" href={pdfHref(doc.id, 'attachment')} download>
              {t('documents.doc.download')}
            </a>
            <a className="button button--ghost" href={`/v/${doc.verificationCode}`}>
              {t('documents.doc.publicPage')}
            </a>
          </div>
        </section>

        <section className="card stack" aria-labelledby="doc-signatures">
          <h2 id="doc-signatures" className="card__title">
            {t('documents.doc.signatures')}
          </h2>
          {doc.signatures.length === 0 ? (
            <p>{t('documents.doc.noSignatures')}</p>
          ) : (
            <ol className="stack signature-list">
              {doc.signatures.map((s) => (
                <li key={s.seq} className="signature-list__item">
                  <p>
                    <strong>
                      <UserText>{s.signerName}</UserText>
                    </strong>{' '}
                    (
                    {s.signerRole
                      .split(',')
                      .map((r) => t(`roles.${r}` as 'roles.expert', { defaultValue: r }))
                      .join('، ')}
                    ){s.mine ? <span className="badge">{t('documents.doc.mine')}</span> : null}
                  </p>
                  <p className="text-muted">{t('documents.doc.signedAt', { date: format.dateTime(s.signedAt) })}</p>
                  <p className="text-muted">
                    {t('documents.doc.issuer', { issuer: '' })}
                    <bdi dir="ltr">{s.issuer}</bdi>
                  </p>
                </li>
              ))}
            </ol>
          )}
          <SignState doc={doc} onSign={() => setSigning(true)} signable={signable} />
          {key && key.status !== 'locked' && key.failedPinCount > 0 && signable ? (
            <p className="text-muted" data-testid="wrong-pins">
              {t('documents.doc.wrongSoFar', { count: key.failedPinCount, n: format.number(key.failedPinCount) })}
            </p>
          ) : null}
        </section>
      </div>
      <SignDialog
        doc={doc}
        open={signing}
        onClose={() => setSigning(false)}
        onSigned={() => {
          setSigning(false);
          onSigned();
        }}
      />
    </>
  );
}

function SignState({ doc, signable, onSign }: { doc: DocumentDetail; signable: boolean; onSign: () => void }) {
  const { t } = useTranslation();
  if (doc.signedByMe) return <Notice tone="success" title={t('documents.doc.signedByMe')} />;
  if (doc.status !== 'issued') return <Notice tone="warning" title={t('documents.doc.notSignable')} />;
  if (!doc.myKey)
    return (
      <Notice tone="info" title={t('documents.doc.noKey')}>
        <p>
          <Link to="/staff/documents/keys">{t('documents.doc.makeKey')}</Link>
        </p>
      </Notice>
    );
  if (doc.myKey.status === 'locked')
    return (
      <Notice tone="danger" role="alert" title={t('documents.doc.locked')}>
        <p>{t('documents.doc.lockedBody')}</p>
      </Notice>
    );
  return signable ? (
    <div className="form-actions">
      <button type="button" className="button" onClick={onSign}>
        {t('documents.doc.sign')}
      </button>
    </div>
  ) : null;
}

function attemptsLeftOf(error: unknown): number | undefined {
  if (!(error instanceof ApiError) || error.code !== 'SIGNER_PIN_WRONG') return undefined;
  const n = (error.details as { attemptsLeft?: unknown } | undefined)?.attemptsLeft;
  return typeof n === 'number' ? n : undefined;
}

/** The PIN dialog: what signing means, the PIN, and the server's answer (wrong PIN with tries left, locked). */
function SignDialog({
  doc,
  open,
  onClose,
  onSigned,
}: {
  doc: DocumentDetail;
  open: boolean;
  onClose: () => void;
  onSigned: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [pin, setPin] = useState('');
  const [missing, setMissing] = useState(false);
  const mutation = useMutation({
    mutationFn: (value: string) => signDocument(doc.id, value),
    onSuccess: async () => {
      setPin('');
      await queryClient.invalidateQueries({ queryKey: documentsKey });
      onSigned();
    },
    onError: async () => {
      setPin('');
      // The count of wrong PINs (or the lock) is the server's: show it on the page too.
      await queryClient.invalidateQueries({ queryKey: documentQuery(doc.id).queryKey });
    },
  });
  const left = attemptsLeftOf(mutation.error);
  const close = () => {
    mutation.reset();
    setPin('');
    setMissing(false);
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('documents.sign.title', { title: doc.title || t(`documents.kinds.${doc.kind}`) })}
      footer={
        <>
          <SubmitButton form="sign-form" pending={mutation.isPending}>
            {t('documents.sign.submit')}
          </SubmitButton>
          <button type="button" className="button button--secondary" onClick={close}>
            {t('documents.sign.cancel')}
          </button>
        </>
      }
    >
      <form
        id="sign-form"
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (pin.trim() === '') return setMissing(true);
          setMissing(false);
          mutation.mutate(pin);
        }}
      >
        <p>{t('documents.sign.confirm')}</p>
        {mutation.error ? (
          <div role="alert">
            <ErrorNotice error={mutation.error} />
            {left !== undefined ? (
              <p data-testid="attempts-left">
                {t('documents.sign.attemptsLeft', { count: left, n: format.number(left) })}
              </p>
            ) : null}
            {mutation.error instanceof ApiError && mutation.error.code === 'SIGNER_KEY_LOCKED' ? (
              <p>{t('documents.doc.lockedBody')}</p>
            ) : null}
          </div>
        ) : null}
        <Field
          id="sign-pin"
          label={t('documents.sign.pin')}
          help={t('documents.sign.pinHelp')}
          error={missing ? t('documents.sign.pinRequired') : undefined}
          required
        >
          {(props) => (
            <input
              {...props}
              className="input input--digits"
              type="password"
              autoComplete="off"
              inputMode="text"
              maxLength={64}
              value={pin}
              onChange={(e) => setPin(e.target.value)}
              autoFocus
            />
          )}
        </Field>
      </form>
    </Dialog>
  );
}
