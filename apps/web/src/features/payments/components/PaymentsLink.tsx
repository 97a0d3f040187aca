import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { CheckIcon } from '../../../components/icons';

/** The way to the citizen's payments from their home page (beside their messages). */
export function PaymentsLink() {
  const { t } = useTranslation();
  return (
    <Link to="/me/payments" className="button button--secondary">
      <CheckIcon />
      {t('payments.mine.link')}
    </Link>
  );
}
