import { useTranslation } from 'react-i18next';
import { AlertIcon } from '../../../components/icons';
import { UserText } from '../../../components/UserText';
import type { Claim, SlaBadge } from './api';

const SLA_CLASS: Record<SlaBadge, string> = {
  on_time: 'badge--success',
  due_soon: 'badge--warning',
  overdue: 'badge--danger',
};

/** The SLA badge: colour and words (never colour alone), an icon when it needs attention. */
export function SlaLabel({ sla }: { sla: SlaBadge | null }) {
  const { t } = useTranslation();
  if (!sla) return null;
  return (
    <span className={`badge ${SLA_CLASS[sla]} badge--inline`}>
      {sla === 'on_time' ? null : <AlertIcon />}
      {t(`cartableWork.sla.${sla}`)}
    </span>
  );
}

/** Who holds the item: you, a named colleague (with how they got it), or nobody. */
export function HolderLabel({ claim }: { claim: Claim | null }) {
  const { t } = useTranslation();
  if (!claim) return <span className="text-muted">{t('cartableWork.unclaimed')}</span>;
  return (
    <span>
      {claim.mine ? (
        t('cartableWork.heldByMe')
      ) : (
        <UserText>{t('cartableWork.heldBy', { name: claim.holderName })}</UserText>
      )}{' '}
      <span className="text-muted">({t(`cartableWork.via.${claim.via}`)})</span>
    </span>
  );
}
