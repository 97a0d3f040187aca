import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
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
 * What happened to the card, oldest first: the step, who took it (by name where the viewer may see
 * it, else by role), when, the version it concerned, and the comment.
 */
export function CardHistory({ card, refs }: { card: ServiceCardView; refs: CardRefs }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (card.history.length === 0) return <p className="text-muted">{t('catalogueReview.cardPage.historyEmpty')}</p>;

  const who = (actorId: string | null, action: string): string => {
    if (!actorId || !UUID.test(actorId)) return t('catalogueReview.who.system');
    const name = refs.personName(actorId);
    if (name) return name;
    if (OWN.has(action)) return t('catalogueReview.who.agencyStaff', { agency: card.agencyName });
    if (action === 'forwarded') return t('catalogueReview.who.parentAdmin');
    if (CENTRAL.has(action)) return t('catalogueReview.who.centralReviewer');
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
            <bdi>{who(e.actorId, e.action)}</bdi>
            {' · '}
            <time dateTime={e.at}>{format.dateTime(e.at)}</time>
          </p>
          {e.comment ? <p className="timeline__note">{e.comment}</p> : null}
        </li>
      ))}
    </ol>
  );
}
