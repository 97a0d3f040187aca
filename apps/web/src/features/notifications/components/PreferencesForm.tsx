import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Fieldset } from '../../../components/Field';
import { SubmitButton } from '../../../components/SubmitButton';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { QueryStates } from '../../../components/QueryStates';
import { useFormat } from '../../../lib/format';
import { preferencesQuery, savePreferences, type ExternalChannel, type NotificationPreferences } from '../api';

const CHANNELS: readonly ExternalChannel[] = ['sms', 'email'];

/**
 * The channels by which request messages also reach the citizen. A channel is offered only when the
 * server has an address for it (the mobile on file; an e-mail address once verified).
 */
export function PreferencesForm() {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const titleId = useId();
  const queryClient = useQueryClient();
  const prefs = useQuery(preferencesQuery);
  const [chosen, setChosen] = useState<ExternalChannel[] | null>(null);
  useEffect(() => {
    if (prefs.data) setChosen(prefs.data.channels);
  }, [prefs.data]);
  const save = useMutation({
    mutationFn: (channels: ExternalChannel[]) => savePreferences(channels),
    onSuccess: (data) => queryClient.setQueryData(preferencesQuery.queryKey, data),
  });

  const form = ({ addresses, channels }: NotificationPreferences) => {
    // What is ticked: the reader's choice, else what is saved.
    const ticked = chosen ?? channels;
    return (
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          if (!save.isPending) save.mutate(ticked.filter((c) => addresses[c] !== null));
        }}
      >
        <Fieldset
          id={id}
          legend={t('notifications.preferences.channels')}
          help={t('notifications.preferences.channelsHelp')}
          required
        >
          {(describedBy) => (
            <div className="checks">
              {CHANNELS.map((c) => {
                const address = addresses[c];
                return (
                  <label key={c} className="check">
                    <input
                      type="checkbox"
                      name="channels"
                      value={c}
                      checked={address !== null && ticked.includes(c)}
                      disabled={address === null}
                      aria-describedby={describedBy}
                      onChange={(event) => {
                        save.reset();
                        setChosen(event.target.checked ? [...ticked, c] : ticked.filter((x) => x !== c));
                      }}
                    />
                    <span>
                      {address === null
                        ? t(`notifications.preferences.${c}None`)
                        : t(`notifications.preferences.${c}`, { address: format.digits(address) })}
                    </span>
                  </label>
                );
              })}
            </div>
          )}
        </Fieldset>
        <p className="text-muted">{t('notifications.preferences.fallback')}</p>
        {save.isError ? <ErrorNotice error={save.error} /> : null}
        <div aria-live="polite">
          {save.isSuccess ? <Notice tone="success" title={t('notifications.preferences.saved')} /> : null}
        </div>
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{t('notifications.preferences.save')}</SubmitButton>
        </div>
      </form>
    );
  };

  return (
    <section className="card stack" aria-labelledby={titleId}>
      <h2 id={titleId} className="card__title">
        {t('notifications.preferences.title')}
      </h2>
      <QueryStates query={prefs}>{form}</QueryStates>
    </section>
  );
}
