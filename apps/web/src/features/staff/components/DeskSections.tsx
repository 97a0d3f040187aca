import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { CheckIcon, InboxIcon } from '../../../components/icons';
import { HomeSection } from './HomeSection';

/** The call centre: look a caller's request up after checking who they are (call-centre operators). */
export function CallCentreSection() {
  const { t } = useTranslation();
  return (
    <HomeSection icon={<InboxIcon />} heading={<Link to="/staff/call-centre">{t('callCentre.home.title')}</Link>} description={t('callCentre.home.desc')} />
  );
}

/** The applicants' ratings (unit managers and administrators). */
export function FeedbackSection() {
  const { t } = useTranslation();
  return (
    <HomeSection icon={<CheckIcon />} heading={<Link to="/staff/feedback">{t('feedbackWorkspace.home.title')}</Link>} description={t('feedbackWorkspace.home.desc')} />
  );
}
