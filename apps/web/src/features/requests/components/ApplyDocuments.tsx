import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import type { RequestUpload, ServiceDocument } from '../../../lib/contracts';
import { uploadRequestDocument } from '../api';

/** The largest file the server takes (REQUEST_ATTACHMENT_MAX_BYTES). */
export const DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;

/** The uploads chosen so far, by the card document they answer (its index). */
export type DocumentUploads = Record<number, RequestUpload>;

/** The server's refusal of a file, in the reader's words. */
function uploadProblem(t: TFunction, error: unknown): string {
  const code = error instanceof ApiError ? error.code : '';
  if (code === 'BLOB_TYPE_NOT_ALLOWED') return t('uploads.wrongType');
  if (code === 'PAYLOAD_TOO_LARGE' || code === 'BLOB_TOO_LARGE') return t('uploads.tooLarge');
  if (code === 'BLOB_EMPTY') return t('uploads.empty');
  return t('uploads.failed', { message: error instanceof Error ? error.message : String(error) });
}

/**
 * The apply page's documents: one upload control per document the service's card asks for, each
 * file sent as soon as it is chosen with its progress shown; the type and size refused in Persian
 * (the size before sending, the type by the server from the content); retry and remove.
 */
export function ApplyDocuments({
  serviceId,
  documents,
  value,
  onChange,
  missing,
}: {
  serviceId: string;
  documents: readonly ServiceDocument[];
  value: DocumentUploads;
  onChange: (next: DocumentUploads) => void;
  /** Mandatory documents not uploaded, shown once the person tried to submit. */
  missing: ReadonlySet<number>;
}) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="apply-documents-title">
      <h2 id="apply-documents-title" className="card__title">
        {t('uploads.title')}
      </h2>
      {documents.length === 0 ? (
        <p>{t('uploads.noDocuments')}</p>
      ) : (
        <>
          <p className="text-muted">{t('uploads.lead')}</p>
          <ul className="stack" role="list">
            {documents.map((d) => (
              <li key={d.index}>
                <DocumentUpload
                  serviceId={serviceId}
                  document={d}
                  upload={value[d.index]}
                  missing={missing.has(d.index)}
                  onUploaded={(u) => {
                    const next = { ...value };
                    if (u) next[d.index] = u;
                    else delete next[d.index];
                    onChange(next);
                  }}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The DOM id of a document's file input (the error summary links to it). */
export const documentInputId = (index: number) => `apply-document-${index}`;

function DocumentUpload({
  serviceId,
  document: d,
  upload,
  missing,
  onUploaded,
}: {
  serviceId: string;
  document: ServiceDocument;
  upload: RequestUpload | undefined;
  missing: boolean;
  onUploaded: (u: RequestUpload | null) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const progressId = useId();
  const errorId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [lastFile, setLastFile] = useState<File | null>(null);

  const send = async (file: File) => {
    setLastFile(file);
    setProblem(null);
    if (file.size === 0) return setProblem(t('uploads.empty'));
    if (file.size > DOCUMENT_MAX_BYTES) return setProblem(t('uploads.tooLarge'));
    setProgress(0);
    try {
      onUploaded(await uploadRequestDocument(serviceId, file, setProgress));
    } catch (e) {
      setProblem(uploadProblem(t, e));
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };

  const error = problem ?? (missing && !upload ? t('uploads.missing', { title: d.title }) : null);
  return (
    <div className="field stack-sm">
      <label htmlFor={documentInputId(d.index)} className="field__label">
        {d.title} <span className="field__optional">({d.mandatory ? t('uploads.mandatory') : t('uploads.optional')})</span>
      </label>
      {upload ? (
        <p role="status">
          {t('uploads.uploaded', { name: upload.fileName, size: t('interaction.size', { kb: format.number(Math.ceil(upload.sizeBytes / 1024)) }) })}{' '}
          <button type="button" className="button button--ghost" onClick={() => onUploaded(null)}>
            {t('uploads.remove')}
          </button>
        </p>
      ) : null}
      <input
        ref={input}
        id={documentInputId(d.index)}
        type="file"
        className="input"
        accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
        aria-describedby={error ? errorId : undefined}
        aria-invalid={error ? true : undefined}
        disabled={progress !== null}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void send(file);
        }}
      />
      {progress !== null ? (
        <div className="import-progress" role="status">
          <label htmlFor={progressId}>{t('uploads.uploading', { title: d.title, percent: format.number(Math.round(progress * 100)) })}</label>
          <progress id={progressId} max={100} value={Math.round(progress * 100)}>
            {format.number(Math.round(progress * 100))}%
          </progress>
        </div>
      ) : null}
      {error ? (
        <p id={errorId} className="field__error" role="alert">
          {error}
          {problem && lastFile && lastFile.size > 0 && lastFile.size <= DOCUMENT_MAX_BYTES ? (
            <button type="button" className="button button--ghost" onClick={() => void send(lastFile)}>
              {t('uploads.retry')}
            </button>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
