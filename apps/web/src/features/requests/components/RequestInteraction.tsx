import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { LoadMoreButton } from '../../../components/LoadMoreButton';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { SubmitButton } from '../../../components/SubmitButton';
import { UserText } from '../../../components/UserText';
import type { RequestAttachment, RequestView } from '../../../lib/contracts';
import { fieldErrorsOf } from '../../../lib/fieldErrors';
import { useFormat } from '../../../lib/format';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { formModelFromSchema, serviceQuery } from '../../services';
import {
  askCorrection,
  attachmentHref,
  correctionsQuery,
  isEnded,
  messagesQuery,
  postMessage,
  replyToCorrection,
  requestQuery,
  uploadAttachment,
} from '../api';

/*
 * Interaction during the work (issue 11 item 6): the correction the agency asked (the applicant
 * answers it here, the fields pre-filled), the "ask for correction" dialog for staff, and the
 * request's thread with files. Each offers only what the server allows.
 */

/** Files picked in a form, uploaded one by one before the message or reply that carries them. */
function FilePicker({ id, onChange }: { id: string; onChange: (files: File[]) => void }) {
  const { t } = useTranslation();
  return (
    <Field id={id} label={t('interaction.files')} help={t('interaction.filesHelp')}>
      {(control) => (
        <input
          {...control}
          type="file"
          multiple
          accept="application/pdf,image/jpeg,image/png"
          onChange={(e) => onChange(Array.from(e.currentTarget.files ?? []).slice(0, 5))}
        />
      )}
    </Field>
  );
}

/** A value on file as the text a field shows (objects and lists are not form values). */
const asText = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

const uploadAll = async (requestId: string, files: File[]) => {
  const out: RequestAttachment[] = [];
  for (const f of files) out.push(await uploadAttachment(requestId, f));
  return out.map((a) => a.id);
};

/** The applicant's side: the open correction with its fields to change, and the reply form. */
export function CorrectionReplyPanel({ request }: { request: RequestView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const corrections = useQuery(correctionsQuery(request.id));
  const open = corrections.data?.items.find((c) => c.answeredAt === null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const keys = useRef(createSubmissionKeys()).current;
  const baseId = useId();
  const reply = useMutation({
    mutationFn: async () => {
      const form: Record<string, unknown> = {};
      for (const f of open!.fields) {
        const typed = values[f.name] ?? asText(f.current);
        form[f.name] = typeof f.current === 'number' && typed.trim() !== '' && !Number.isNaN(Number(typed)) ? Number(typed) : typed;
      }
      const attachmentIds = await uploadAll(request.id, files);
      const body = { form, attachmentIds, version: request.version, ...(message.trim() ? { message } : {}) };
      return replyToCorrection(request.id, body, keys.keyFor(body));
    },
    onSuccess: async (view) => {
      queryClient.setQueryData(requestQuery(request.id).queryKey, view);
      await queryClient.invalidateQueries({ queryKey: ['requests', 'one', request.id] });
    },
  });
  if (request.status !== 'awaiting_applicant' || !open) return null;
  const errors = fieldErrorsOf(reply.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reply.mutate();
  };
  return (
    <section className="card stack" aria-labelledby={`${baseId}-title`}>
      <h2 id={`${baseId}-title`} className="card__title">
        {t('interaction.correctionTitle')}
      </h2>
      <Notice tone="warning" title={t('interaction.correctionLead', { who: open.askedByLabel })}>
        <p dir="auto">{open.message}</p>
        <p className="text-muted">{t('interaction.paused', { date: format.dateTime(open.askedAt) })}</p>
      </Notice>
      {open.documents.length > 0 ? (
        <div>
          <p>{t('interaction.documentsAsked')}</p>
          <ul>
            {open.documents.map((d) => (
              <li key={d}>
                <UserText>{d}</UserText>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form className="stack" onSubmit={submit} noValidate>
        {open.fields.map((f) => (
          <Field key={f.name} id={`${baseId}-${f.name}`} label={f.title} error={errors?.fields[`form.${f.name}`]} required>
            {(control) => (
              <input
                {...control}
                className="input"
                dir="auto"
                value={values[f.name] ?? asText(f.current)}
                onChange={(e) => setValues({ ...values, [f.name]: e.currentTarget.value })}
              />
            )}
          </Field>
        ))}
        <Field id={`${baseId}-message`} label={t('interaction.replyMessage')}>
          {(control) => <textarea {...control} className="input" maxLength={4000} value={message} onChange={(e) => setMessage(e.currentTarget.value)} />}
        </Field>
        <FilePicker id={`${baseId}-files`} onChange={setFiles} />
        {reply.isError ? <ErrorNotice error={reply.error} /> : null}
        <div className="form-actions">
          <SubmitButton pending={reply.isPending}>{t('interaction.sendReply')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}

/** The staff side: ask the applicant for a correction, picking the form's fields (offered only when the server allows it). */
export function AskCorrectionButton({ request }: { request: RequestView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const service = useQuery(serviceQuery(request.serviceId));
  const fields = useMemo(() => formModelFromSchema(service.data?.formSchema).fields, [service.data]);
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const [documents, setDocuments] = useState('');
  const [message, setMessage] = useState('');
  const keys = useRef(createSubmissionKeys()).current;
  const baseId = useId();
  const ask = useMutation({
    mutationFn: () => {
      const body = {
        fields: picked,
        documents: documents.split('\n').map((d) => d.trim()).filter(Boolean),
        message,
        version: request.version,
      };
      return askCorrection(request.id, body, keys.keyFor(body));
    },
    onSuccess: async (view) => {
      setOpen(false);
      queryClient.setQueryData(requestQuery(request.id).queryKey, view);
      await queryClient.invalidateQueries({ queryKey: ['requests'] });
    },
  });
  if (!request.actions?.includes('request_information')) return null;
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t('interaction.ask')}
      </button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={t('interaction.askTitle')}
        footer={
          <>
            <SubmitButton type="button" pending={ask.isPending} onClick={() => ask.mutate()}>
              {t('interaction.askConfirm')}
            </SubmitButton>
            <button type="button" className="button button--ghost" onClick={() => setOpen(false)}>
              {t('interaction.cancel')}
            </button>
          </>
        }
      >
        <p>{t('interaction.askBody')}</p>
        <fieldset className="stack">
          <legend>{t('interaction.fieldsToCorrect')}</legend>
          {fields.map((f) => (
            <label key={f.name} className="checkbox">
              <input
                type="checkbox"
                checked={picked.includes(f.name)}
                onChange={(e) => setPicked(e.currentTarget.checked ? [...picked, f.name] : picked.filter((p) => p !== f.name))}
              />{' '}
              <bdi>{f.label}</bdi>
            </label>
          ))}
        </fieldset>
        <Field id={`${baseId}-documents`} label={t('interaction.documents')} help={t('interaction.documentsHelp')}>
          {(control) => <textarea {...control} className="input" value={documents} onChange={(e) => setDocuments(e.currentTarget.value)} />}
        </Field>
        <Field id={`${baseId}-message`} label={t('interaction.askMessage')} required>
          {(control) => <textarea {...control} className="input" maxLength={2000} value={message} onChange={(e) => setMessage(e.currentTarget.value)} />}
        </Field>
        {ask.isError ? <ErrorNotice error={ask.error} /> : null}
      </Dialog>
    </>
  );
}

/** The request's thread, oldest first, with the form to write (while the request is open). */
export function RequestThread({ request }: { request: RequestView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const thread = useInfiniteQuery(messagesQuery(request.id));
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const keys = useRef(createSubmissionKeys()).current;
  const baseId = useId();
  const closed = isEnded(request);
  const send = useMutation({
    mutationFn: async () => {
      const attachmentIds = await uploadAll(request.id, files);
      const input = { body, attachmentIds };
      return postMessage(request.id, input, keys.keyFor(input));
    },
    onSuccess: async () => {
      setBody('');
      setFiles([]);
      keys.reset();
      await queryClient.invalidateQueries({ queryKey: messagesQuery(request.id).queryKey });
    },
  });
  const items = thread.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card stack" aria-labelledby={`${baseId}-title`}>
      <h2 id={`${baseId}-title`} className="card__title">
        {t('interaction.threadTitle')}
      </h2>
      {thread.isError ? <ErrorNotice error={thread.error} /> : null}
      {items.length === 0 && thread.isSuccess ? <p className="text-muted">{t('interaction.threadEmpty')}</p> : null}
      <ol className="timeline">
        {items.map((m) => (
          <li key={m.id} className="timeline__item">
            <p className="timeline__meta">
              <UserText className="timeline__actor">{m.authorLabel}</UserText>
              {' · '}
              <time dateTime={m.at}>{format.dateTime(m.at)}</time>
            </p>
            <p className="timeline__note" dir="auto">
              {m.body}
            </p>
            {m.attachments.length > 0 ? (
              <ul>
                {m.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={attachmentHref(request.id, a.id)} download>
                      <bdi>{a.fileName}</bdi>
                    </a>{' '}
                    <span className="text-muted">({t('interaction.size', { kb: format.digits(String(Math.ceil(a.sizeBytes / 1024))) })})</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      <LoadMoreButton query={thread} />
      {closed ? (
        <p className="text-muted">{t('interaction.threadClosed')}</p>
      ) : (
        <form
          className="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (body.trim()) send.mutate();
          }}
        >
          <Field id={`${baseId}-body`} label={t('interaction.newMessage')} required>
            {(control) => <textarea {...control} className="input" maxLength={4000} value={body} onChange={(e) => setBody(e.currentTarget.value)} />}
          </Field>
          <FilePicker id={`${baseId}-files`} onChange={setFiles} />
          {send.isError ? <ErrorNotice error={send.error} /> : null}
          <div className="form-actions">
            <SubmitButton pending={send.isPending}>{t('interaction.send')}</SubmitButton>
          </div>
        </form>
      )}
    </section>
  );
}
