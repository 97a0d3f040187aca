import { useTranslation } from 'react-i18next';
import type { RequestEvent } from '../../../lib/contracts';
import { Tx, UserText } from '../../../components/UserText';
import { useFormat } from '../../../lib/format';

const KNOWN_ACTIONS = [
  'submitted',
  'taken',
  'assigned',
  'approved',
  'rejected',
  'info_requested',
  'information_requested',
  'applicant_replied',
  'commented',
  'answer_issued',
] as const;
type KnownAction = (typeof KNOWN_ACTIONS)[number];
const isKnown = (action: string): action is KnownAction => (KNOWN_ACTIONS as readonly string[]).includes(action);

/**
 * What happened to a request, oldest first: the action, who acted — by name when the viewer may see
 * it (with the role, and on whose behalf for a delegate or a company's representative) — when, and
 * any note.
 */
export function HistoryTimeline({ events }: { events: readonly RequestEvent[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (events.length === 0) return <p className="text-muted">{t('requests.history.empty')}</p>;
  return (
    <ol className="timeline">
      {events.map((event, index) => (
        <li key={`${event.at}-${index}`} className="timeline__item">
          <p className="timeline__action">
            {isKnown(event.action)
              ? t(`requests.history.actions.${event.action}`)
              : t('requests.history.actions.other')}
          </p>
          <p className="timeline__meta">
            {event.actorName ? (
              <>
                <UserText className="timeline__actor">{format.name(event.actorName)}</UserText> (
                <UserText>{event.actorLabel}</UserText>)
              </>
            ) : (
              <UserText className="timeline__actor">{event.actorLabel}</UserText>
            )}
            {event.onBehalfOfName ? (
              <>
                {' '}
                <Tx k="desk.history.onBehalfOf" values={{ name: format.name(event.onBehalfOfName) }} />
              </>
            ) : null}
            {' · '}
            <time dateTime={event.at}>{format.dateTime(event.at)}</time>
          </p>
          {event.dueChange ? (
            <p className="timeline__note">
              {/* A reply within the same working day pauses no whole day: the date stands, not "moved by 0". */}
              {event.dueChange.pausedWorkingDays === 0 && event.dueChange.fromJalali === event.dueChange.toJalali
                ? t('requests.history.dueUnchanged', { date: format.digits(event.dueChange.fromJalali) })
                : t('requests.history.dueMoved', {
                    from: format.digits(event.dueChange.fromJalali),
                    to: format.digits(event.dueChange.toJalali),
                    days: format.digits(String(event.dueChange.pausedWorkingDays)),
                  })}
            </p>
          ) : null}
          {event.note ? (
            <p className="timeline__note" dir="auto">
              {event.note}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
