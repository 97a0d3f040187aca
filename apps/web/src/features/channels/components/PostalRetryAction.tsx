import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { DigitsInput } from '../../../components/DigitsInput';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import type { PostalRetry } from '../../../lib/contracts';
import { fieldErrorsOf } from '../../../lib/fieldErrors';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { requestChannelQuery, retryPostal } from '../api';

const FIELDS = ['postalCode', 'address', 'recipientName'] as const;
type Correction = Record<(typeof FIELDS)[number], string>;
const EMPTY: Correction = { postalCode: '', address: '', recipientName: '' };

/** The body of the retry: the fields typed (trimmed), `{}` to send the dispatch as it was. */
export const retryBody = (c: Correction): PostalRetry => Object.fromEntries(FIELDS.filter((k) => c[k].trim() !== '').map((k) => [k, c[k].trim()]));

/**
 * «Send again by post» for a failed dispatch, offered where the server says the reader may
 * (`mayRetry`: the agency's desk staff), asked first in the shared confirmation dialog with the
 * address's fields to correct (each optional: an empty one keeps the dispatch's own). The server's
 * refusal is shown in the dialog (at the field it names); the success stays announced after the
 * button has gone (the dispatch is due again).
 */
export function PostalRetryAction({ requestId, mayRetry }: { requestId: string; mayRetry: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  const [fields, setFields] = useState<Correction>(EMPTY);
  // A double click or a retry after a lost reply sends the same key: one retry.
  const keys = useRef(createSubmissionKeys()).current;
  const retry = useMutation({
    mutationFn: (body: PostalRetry) => retryPostal(requestId, body, keys.keyFor(body)),
    onSuccess: (view) => {
      keys.reset();
      client.setQueryData(requestChannelQuery(requestId).queryKey, view);
      setOpen(false);
      setFields(EMPTY);
      setDone(true);
    },
  });
  const errors: Partial<Record<string, string>> = fieldErrorsOf(retry.error, 'body')?.fields ?? {};
  const ask = () => {
    retry.reset();
    setDone(false);
    setOpen(true);
  };
  return (
    <>
      {done ? (
        <Notice tone="success" role="status">
          <p>{t('channel.retried')}</p>
        </Notice>
      ) : null}
      {mayRetry ? (
        <div>
          <button type="button" className="button button--secondary" onClick={ask}>
            {t('channel.retry')}
          </button>
        </div>
      ) : null}
      <ConfirmDialog
        open={open}
        title={t('channel.retry')}
        confirmLabel={t('channel.retryConfirm')}
        pending={retry.isPending}
        error={retry.error}
        onConfirm={() => retry.mutate(retryBody(fields))}
        onClose={() => setOpen(false)}
      >
        <p>{t('channel.retryLead')}</p>
        {FIELDS.map((k) => (
          <Field key={k} id={`postal-retry-${k}`} name={k} label={t(`channel.retry_${k}`)} error={errors[k]}>
            {(props) =>
              k === 'postalCode' ? (
                <DigitsInput {...props} maxLength={14} value={fields[k]} onChange={(e) => setFields({ ...fields, [k]: e.target.value })} />
              ) : (
                <input {...props} className="input" maxLength={k === 'address' ? 500 : 200} autoComplete="off" value={fields[k]} onChange={(e) => setFields({ ...fields, [k]: e.target.value })} />
              )
            }
          </Field>
        ))}
      </ConfirmDialog>
    </>
  );
}
