import { useTranslation } from 'react-i18next';
import { CheckIcon, ClockIcon, CloseIcon, InboxIcon } from '../../../components/icons';
import type { RequestStatus } from '../../../lib/contracts';

const ICON = {
  submitted: <InboxIcon />,
  in_review: <ClockIcon />,
  awaiting_applicant: <ClockIcon />,
  approved: <CheckIcon />,
  rejected: <CloseIcon />,
} as const;

/** A request's status as words with an icon and colour (never colour alone). */
export function StatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--status badge--${status.replace(/_/g, '-')}`}>
      {ICON[status]}
      {t(`requests.status.${status}`)}
    </span>
  );
}
