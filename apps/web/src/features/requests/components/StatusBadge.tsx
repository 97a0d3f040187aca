import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckIcon, ClockIcon, CloseIcon, InboxIcon } from '../../../components/icons';
import type { RequestStatus } from '../../../lib/contracts';
import { isRequestStatus, type KnownStatus } from '../api';

const ICON: Record<KnownStatus, ReactElement> = {
  submitted: <InboxIcon />,
  in_review: <ClockIcon />,
  awaiting_applicant: <ClockIcon />,
  approved: <CheckIcon />,
  rejected: <CloseIcon />,
  expert_review: <ClockIcon />,
  manager_signoff: <ClockIcon />,
  partially_approved: <CheckIcon />,
  withdrawn: <CloseIcon />,
  closed: <CloseIcon />,
  in_person: <ClockIcon />,
  decision: <ClockIcon />,
};

/**
 * A request's status as words with an icon and colour (never colour alone). The statuses come from
 * the request's workflow definition (ADR 0034): one the screens have no words for shows `label`, the
 * server's words for it.
 */
export function StatusBadge({ status, label }: { status: RequestStatus; label?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--status badge--${status.replace(/_/g, '-')}`}>
      {isRequestStatus(status) ? ICON[status] : <ClockIcon />}
      {isRequestStatus(status) ? t(`requests.status.${status}`) : (label ?? status)}
    </span>
  );
}
