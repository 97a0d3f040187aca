import { useMutation } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Notice } from '../../../components/Notice';
import type { PaymentView } from '../../../lib/contracts';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { useFormat } from '../../../lib/format';
import { isUsable, startPayment } from '../api';

/** The id of the pay button (the apply page moves the focus there when the fee is still to pay). */
export const PAY_BUTTON_ID = 'apply-pay';

/**
 * The pay step of the apply page for a service with a fixed fee (ADR 0037): the amount, and a button
 * that saves the draft, starts a payment and sends the browser to the gateway's page; back from the
 * gateway, the payment's state (paid with its reference number, or why not, and a way to pay again).
 */
export function PaymentStep({
  serviceId,
  amountRials,
  payment,
  beforeLeave,
  payFirst,
}: {
  serviceId: string;
  amountRials: number;
  /** The payment the gateway sent the browser back with, if any. */
  payment: PaymentView | undefined;
  /** Saves what has been typed (the draft) before the browser leaves for the gateway. */
  beforeLeave: () => Promise<void>;
  /** The person tried to submit before paying. */
  payFirst: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const keys = useRef(createSubmissionKeys()).current;
  const amount = format.rials(amountRials);
  const start = useMutation({
    mutationFn: async () => {
      await beforeLeave();
      return startPayment(serviceId, keys.keyFor({ serviceId, at: payment?.id ?? null }));
    },
    onSuccess: ({ redirectUrl }) => window.location.assign(redirectUrl),
  });
  const paid = payment !== undefined && isUsable(payment) ? payment : undefined;
  const why = payment === undefined || paid ? null : payment.status === 'paid' ? 'spent' : payment.status === 'started' ? 'started' : payment.status === 'cancelled' ? 'cancelled' : payment.status === 'expired' ? 'expired' : payment.failure === 'amount_mismatch' ? 'amount_mismatch' : 'declined';

  return (
    <section className="card stack" aria-labelledby="apply-fee-title">
      <h2 id="apply-fee-title" className="card__title">
        {t('payments.title')}
      </h2>
      {paid ? (
        <Notice tone="success" title={t('payments.paid', { amount })}>
          <p>{t('payments.reference', { ref: format.digits(paid.referenceNumber ?? '') })}</p>
          {paid.paidAt ? <p>{t('payments.paidAt', { time: format.dateTime(paid.paidAt) })}</p> : null}
        </Notice>
      ) : (
        <>
          <p>{t('payments.fee', { amount })}</p>
          {why ? <Notice tone={why === 'started' ? 'info' : 'warning'} title={t(`payments.${why}`)} /> : null}
          {payFirst ? (
            <p className="field__error" role="alert">
              {t('payments.payFirst')}
            </p>
          ) : null}
          {start.error ? <ErrorNotice error={start.error} /> : null}
          <p>
            <button id={PAY_BUTTON_ID} type="button" className="button button--primary" disabled={start.isPending || start.isSuccess} onClick={() => start.mutate()}>
              {start.isPending || start.isSuccess ? t('payments.paying') : why ? t('payments.payAgain') : t('payments.pay', { amount })}
            </button>
          </p>
        </>
      )}
    </section>
  );
}
