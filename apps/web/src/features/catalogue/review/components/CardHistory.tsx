import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../lib/format';
import type { ServiceCardView } from '../api';
import type { CardRefs } from '../refs';

const KNOWN = [
  'created',
  'edited',
  'submitted',
  'forwarded',
  'returned',
  'approved',
  'rejected',
  'change_requested',
  'renewal_requested',
  'renewal_approved',
  'renewal_returned',
  'renewal_rejected',
  'expiry_reminded',
  'expired',
  'parent_review_escalated',
] as const;
type Known = (typeof KNOWN)[number];
const isKnown = (a: string): a is Known => (KNOWN as readonly string[]).includes(a);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Steps taken at the card's own agency, by the parent, and centrally. */
const OWN = new Set(['created', 'edited', 'submitted', 'change_requested', 'renewal_requested']);
const CENTRAL = new Set(['approved', 'rejected', 'renewal_approved', 'renewal_returned', 'renewal_rejected']);

/**
 * What happened to the card, oldest first: the step, who took it (by name, and for whom under a
 * delegation; the system for its own steps), when, the version it concerned, and the comment.
 */
export function CardHistory({ card, refs }: { card: ServiceCardView; refs: CardRefs }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (card.history.length === 0) return <p className="text-muted">{t('catalogueReview.cardPage.historyEmpty')}</p>;

  /** The name the history carries; the viewer's own staff list for an older entry without one; else the role. */
  const who = (e: ServiceCardView['history'][number]): string => {
    if (e.actorType !== 'staff' || !e.actorId || !UUID.test(e.actorId)) return t('catalogueReview.who.system');
    const name = e.actorName ?? refs.personName(e.actorId);
    if (name && e.onBehalfOfName) return t('catalogueReview.who.onBehalfOf', { name, of: e.onBehalfOfName });
    if (name) return name;
    if (OWN.has(e.action)) return t('catalogueReview.who.agencyStaff', { agency: card.agencyName });
    if (e.action === 'forwarded') return t('catalogueReview.who.parentAdmin');
    if (CENTRAL.has(e.action)) return t('catalogueReview.who.centralReviewer');
    return t('catalogueReview.who.reviewer');
  };

  return (
    <ol className="timeline">
      {card.history.map((e, i) => (
        <li key={`${e.at}-${i}`} className="timeline__item">
          <p className="timeline__action">
            {isKnown(e.action) ? t(`catalogueReview.history.${e.action}`) : t('catalogueReview.history.other')}
            {e.versionNo !== null ? (
              <span className="text-muted">
                {' · '}
                {t('catalogueReview.cardPage.version_n', { n: format.number(e.versionNo) })}
              </span>
            ) : null}
          </p>
          <p className="timeline__meta">
            <bdi>{who(e)}</bdi>
            {' · '}
            <time dateTime={e.at}>{format.dateTime(e.at)}</time>
          </p>
          {e.comment ? <p className="timeline__note">{e.comment}</p> : null}
        </li>
      ))}
    </ol>
  );
}
