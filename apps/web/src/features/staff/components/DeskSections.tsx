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

/** The counter operator's page: requests for citizens at their office. */
export function CounterSection() {
  const { t } = useTranslation();
  return <HomeSection icon={<InboxIcon />} heading={<Link to="/staff/counter">{t('channels.counter.home.title')}</Link>} description={t('channels.counter.home.desc')} />;
}

/** The in-person desk: walk-in requests (desk clerks). */
export function WalkInSection() {
  const { t } = useTranslation();
  return <HomeSection icon={<InboxIcon />} heading={<Link to="/staff/walk-in">{t('channels.walkIn.home.title')}</Link>} description={t('channels.walkIn.home.desc')} />;
}

/** The counters' work on the agency's services (agency administrators, unit managers). */
export function CounterWorkSection() {
  const { t } = useTranslation();
  return <HomeSection icon={<CheckIcon />} heading={<Link to="/staff/counter-work">{t('channels.work.home.title')}</Link>} description={t('channels.work.home.desc')} />;
}
