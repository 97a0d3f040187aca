import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, Fieldset } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { SubmitButton } from '../../../components/SubmitButton';
import { fieldErrorsOf } from '../../../lib/fieldErrors';
import { useFormat } from '../../../lib/format';
import { feedbackStateQuery, giveFeedback } from '../api';

const RATINGS = [5, 4, 3, 2, 1] as const;
type Rating = (typeof RATINGS)[number];
const COMMENT_MAX = 1000;

/** Stars drawn for the eye; the words beside them are what a screen reader reads. */
function Stars({ n }: { n: number }) {
  return (
    <span className="stars" aria-hidden="true">
      {'★'.repeat(n)}
      <span className="stars__empty">{'☆'.repeat(5 - n)}</span>
    </span>
  );
}

/**
 * The applicant's rating of a closed request (issue 11 §10): a radio group of 1–5 stars (each
 * option in words and Persian digits, the stars only drawn) and an optional comment, sent once.
 * Once given it shows the rating; while the request is open it shows nothing.
 */
export function RatingSection({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const state = useQuery(feedbackStateQuery(requestId));
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const send = useMutation({
    mutationFn: () => giveFeedback(requestId, { rating: rating!, ...(comment.trim() ? { comment } : {}) }),
    onSuccess: (given) => queryClient.setQueryData(feedbackStateQuery(requestId).queryKey, { feedback: given, mayRate: false }),
    // Given meanwhile (another tab): show what is stored.
    onError: () => void queryClient.invalidateQueries({ queryKey: feedbackStateQuery(requestId).queryKey }),
  });
  const fields = fieldErrorsOf(send.error, 'body')?.fields ?? {};
  const stars = (n: number) => `${t('feedback.star', { count: n, n: format.digits(n) })} — ${t(`feedback.starWords.${String(n) as '1'}`)}`;

  if (!state.data) return null;
  const { feedback, mayRate } = state.data;
  if (!feedback && !mayRate) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (rating === null) {
      setMissing(true);
      return;
    }
    send.mutate();
  };

  return (
    <section className="card stack" aria-labelledby="rating-title">
      <h2 id="rating-title" className="card__title">
        {t('feedback.title')}
      </h2>
      {feedback ? (
        <Notice tone="success" role="status" title={send.isSuccess ? t('feedback.thanks') : undefined}>
          <p>
            <Stars n={feedback.rating} /> {t('feedback.given', { stars: stars(feedback.rating) })}
          </p>
          {feedback.comment ? <p dir="auto">{feedback.comment}</p> : null}
          <p className="text-muted">{t('feedback.givenAt', { time: format.dateTime(feedback.givenAt) })}</p>
        </Notice>
      ) : (
        <form className="stack" onSubmit={submit} noValidate>
          <p className="text-muted">{t('feedback.lead')}</p>
          {send.isError && !fields.comment && !fields.rating ? <ErrorNotice error={send.error} /> : null}
          <Fieldset id="rating" legend={t('feedback.rating')} error={missing && rating === null ? t('feedback.chooseRating') : fields.rating} required>
            {() => (
              <div className="radios rating-options">
                {RATINGS.map((n) => (
                  <div key={n} className="check">
                    <input
                      id={`rating-${n}`}
                      name="rating"
                      type="radio"
                      value={n}
                      checked={rating === n}
                      onChange={() => setRating(n)}
                      required
                    />
                    <label htmlFor={`rating-${n}`}>
                      <Stars n={n} /> {stars(n)}
                    </label>
                  </div>
                ))}
              </div>
            )}
          </Fieldset>
          <Field id="rating-comment" name="comment" label={t('feedback.comment')} help={t('feedback.commentHelp')} error={fields.comment}>
            {(props) => (
              <textarea {...props} className="input" rows={4} maxLength={COMMENT_MAX} value={comment} onChange={(e) => setComment(e.target.value)} dir="auto" />
            )}
          </Field>
          <div className="form-actions">
            <SubmitButton pending={send.isPending}>{t('feedback.submit')}</SubmitButton>
          </div>
        </form>
      )}
    </section>
  );
}
