import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { ErrorNotice, Loading, Notice } from '../../../components/Notice';
import { SubmitButton } from '../../../components/SubmitButton';
import { useFormat } from '../../../lib/format';
import {
  beginEnrolment,
  enrolmentCsrUrl,
  enrolmentsQuery,
  importCertificate,
  importPkcs12,
  myKeysQuery,
  type SignerEnrolment,
} from '../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Fact } from '../components/Fact';
import { NewPinForm, usePinPair } from '../components/NewPin';
import { bytesToBase64, certificateToPem, pkcs12TooLarge } from '../enrolFiles';

type Done = 'csr' | 'certificate' | 'pkcs12';

/**
 * The signing keys page's «certificate from a certification authority» (issue 10, ADR 0023
 * amendment 1): a CSR made under a new PIN and downloaded for the CA, the certificate it issues
 * uploaded (PEM or DER), or a key and certificate imported from a PKCS#12 file. The server checks
 * everything and its refusals are shown as it words them.
 */
export function KeyEnrolment({ hasActiveKey }: { hasActiveKey: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<Done | null>(null);
  const finished = async (what: Done) => {
    setDone(what);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: enrolmentsQuery.queryKey }),
      queryClient.invalidateQueries({ queryKey: myKeysQuery.queryKey }),
    ]);
  };
  return (
    <section className="card stack" aria-labelledby="key-enrolment">
      <h2 id="key-enrolment" className="card__title">
        {t('documents.enrol.title')}
      </h2>
      <p className="text-muted">{t('documents.enrol.lead')}</p>
      {done ? <Notice tone="success" role="status" title={t(`documents.enrol.done.${done}`)} /> : null}
      <RequestCsr onDone={() => void finished('csr')} />
      <PendingEnrolments onDone={() => void finished('certificate')} />
      <ImportPkcs12 hasActiveKey={hasActiveKey} onDone={() => void finished('pkcs12')} />
    </section>
  );
}

function RequestCsr({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const mutation = useMutation({ mutationFn: beginEnrolment, onSuccess: onDone });
  return (
    <section className="stack" aria-labelledby="csr-request">
      <h3 id="csr-request">{t('documents.enrol.csr')}</h3>
      <p>{t('documents.enrol.csrLead')}</p>
      {mutation.error ? <ErrorNotice error={mutation.error} /> : null}
      <NewPinForm
        id="csr-pin"
        submit={t('documents.enrol.csrSubmit')}
        pending={mutation.isPending}
        onPin={(pin) => mutation.mutate(pin)}
      />
    </section>
  );
}

function PendingEnrolments({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const query = useQuery(enrolmentsQuery);
  return (
    <section className="stack" aria-labelledby="csr-pending">
      <h3 id="csr-pending">{t('documents.enrol.pending')}</h3>
      {query.isPending ? <Loading /> : null}
      {query.isError ? <ErrorNotice error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data?.items.length === 0 ? <p>{t('documents.enrol.pendingEmpty')}</p> : null}
      {query.data && query.data.items.length > 0 ? (
        <ul className="stack">
          {query.data.items.map((e) => (
            <li key={e.id} className="stack" data-enrolment={e.id}>
              <Pending e={e} onDone={onDone} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function Pending({ e, onDone }: { e: SignerEnrolment; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const mutation = useMutation({
    mutationFn: async (f: File) => importCertificate(e.id, certificateToPem(new Uint8Array(await f.arrayBuffer()))),
    onSuccess: onDone,
  });
  const inputId = `certificate-${e.id}`;
  return (
    <>
      <dl className="facts">
        <Fact label={t('documents.enrol.subject')}>
          <bdi dir="ltr">{e.subject}</bdi>
        </Fact>
        <Fact label={t('documents.enrol.requestedAt')}>{format.dateTime(e.createdAt)}</Fact>
      </dl>
      <p>
        <a className="button button--secondary" href={enrolmentCsrUrl(e.id)} download={`dargah-signer-${e.id}.csr`}>
          {t('documents.enrol.downloadCsr')}
        </a>
      </p>
      {mutation.error ? <ErrorNotice error={mutation.error} /> : null}
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setMissing(!file);
          if (file) mutation.mutate(file);
        }}
      >
        <FileField
          id={inputId}
          label={t('documents.enrol.upload')}
          help={t('documents.enrol.certificateHelp')}
          error={missing ? t('documents.enrol.missingFile') : undefined}
          accept=".pem,.crt,.cer"
          onFile={setFile}
        />
        <div className="form-actions">
          <SubmitButton pending={mutation.isPending}>{t('documents.enrol.uploadSubmit')}</SubmitButton>
        </div>
      </form>
    </>
  );
}

function ImportPkcs12({ hasActiveKey, onDone }: { hasActiveKey: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const pins = usePinPair('p12-pin', t('documents.enrol.newPin'));
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [fileError, setFileError] = useState<string | undefined>();
  const [asking, setAsking] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: async ({ f, pin }: { f: File; pin: string }) =>
      importPkcs12({ pkcs12: bytesToBase64(new Uint8Array(await f.arrayBuffer())), password, pin }),
    onSuccess: () => {
      setAsking(null);
      onDone();
    },
  });
  const send = (pin: string) => file && mutation.mutate({ f: file, pin });
  return (
    <section className="stack" aria-labelledby="p12-import">
      <h3 id="p12-import">{t('documents.enrol.pkcs12')}</h3>
      <p>{t('documents.enrol.pkcs12Lead')}</p>
      {mutation.error && asking === null ? <ErrorNotice error={mutation.error} /> : null}
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const problem = !file
            ? t('documents.enrol.missingFile')
            : pkcs12TooLarge(file.size)
              ? t('documents.enrol.tooLarge', { size: format.number(Math.ceil(file.size / 1024)) })
              : undefined;
          setFileError(problem);
          const pin = pins.check();
          if (problem || pin === undefined) return;
          if (hasActiveKey) setAsking(pin);
          else send(pin);
        }}
      >
        <FileField
          id="p12-file"
          label={t('documents.enrol.pkcs12File')}
          help={t('documents.enrol.pkcs12Help')}
          error={fileError}
          accept=".p12,.pfx"
          onFile={setFile}
        />
        <Field id="p12-password" label={t('documents.enrol.password')}>
          {(props) => (
            <input
              {...props}
              className="input"
              type="password"
              autoComplete="off"
              maxLength={256}
              value={password}
              onChange={(ev) => setPassword(ev.target.value)}
            />
          )}
        </Field>
        {pins.fields}
        <div className="form-actions">
          <SubmitButton pending={mutation.isPending && asking === null}>
            {t('documents.enrol.pkcs12Submit')}
          </SubmitButton>
        </div>
      </form>
      <ConfirmDialog
        open={asking !== null}
        onClose={() => setAsking(null)}
        title={t('documents.enrol.replaceTitle')}
        confirmLabel={t('documents.enrol.replace')}
        pending={mutation.isPending}
        error={mutation.error}
        onConfirm={() => asking !== null && send(asking)}
      >
        <p>{t('documents.enrol.replaceConfirm')}</p>
      </ConfirmDialog>
    </section>
  );
}

/** A required file field; the file chosen (or none) goes to `onFile`. */
function FileField(p: {
  id: string;
  label: string;
  help: string;
  error: string | undefined;
  accept: string;
  onFile: (f: File | null) => void;
}) {
  return (
    <Field id={p.id} label={p.label} help={p.help} error={p.error} required>
      {(props) => (
        <input
          {...props}
          className="input"
          type="file"
          accept={p.accept}
          onChange={(ev) => p.onFile(ev.target.files?.[0] ?? null)}
        />
      )}
    </Field>
  );
}
