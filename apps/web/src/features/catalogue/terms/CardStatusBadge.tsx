import type { CardStatus } from '@dargah/contracts';
import { useTranslation } from 'react-i18next';
import { CheckIcon, ClockIcon, CloseIcon, DocumentIcon, RefreshIcon } from '../../../components/icons';

const ICON: Record<CardStatus, React.ReactNode> = {
  draft: <DocumentIcon />,
  parent_review: <ClockIcon />,
  central_review: <ClockIcon />,
  returned: <RefreshIcon />,
  approved: <CheckIcon />,
  rejected: <CloseIcon />,
  renewal_review: <ClockIcon />,
};

const TONE: Record<CardStatus, string> = {
  draft: 'badge--submitted',
  parent_review: 'badge--in-review',
  central_review: 'badge--in-review',
  returned: 'badge--warning',
  approved: 'badge--approved',
  rejected: 'badge--rejected',
  renewal_review: 'badge--in-review',
};

/** A card's status in words with an icon and colour (never colour alone): the card list, the queue, the card page. */
export function CardStatusBadge({ status }: { status: CardStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--status ${TONE[status]}`}>
      {ICON[status]}
      {t(`catalogueTerms.status.${status}`)}
    </span>
  );
}
