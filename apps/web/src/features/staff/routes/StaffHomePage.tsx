import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { InboxIcon, LockIcon } from '../../../components/icons';
import { ChainStatusCard } from '../../audit';
import { areasOf, useSession } from '../../identity';
import { SystemStatusCard } from '../../system';
import { CartableSection } from '../components/CartableSection';
import { CardsSection, DeliveryReviewSection, ReviewSection, ToolsSection } from '../components/CatalogueSections';
import { CallCentreSection, CounterSection, CounterWorkSection, FeedbackSection, WalkInSection } from '../components/DeskSections';
import { DocumentsSection } from '../components/DocumentsSection';
import { AdministrationSection, AuditSection } from '../components/OversightSections';

/**
 * `/staff`: the staff home. Every section is one of the areas the server says the person may open
 * (the session's `areas`): the cartable for desk staff; the review queue with its counts for
 * reviewers; the service cards; the audit log and, for auditors and platform administrators, the
 * audit chain and the deployment's readiness (the operator panel); administration for
 * administrators; the call centre for its operators and the applicants' ratings for unit managers
 * and administrators. Several roles give several sections; none gives an honest "nothing yet".
 */
export function StaffHomePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const areas = areasOf(session);

  // Oversight first for those who watch the whole platform (the operator panel), then the review
  // queues, the cards, and for an agency's administrator their own agencies' log and administration.
  const sections: ReactNode[] = [];
  const audit = areas.auditLog ? <AuditSection key="audit" readsAll={areas.operations} /> : null;
  if (areas.operations) sections.push(audit, <ChainStatusCard key="chain" />, <SystemStatusCard key="system" />);
  if (areas.catalogueReview) sections.push(<ReviewSection key="review" />);
  if (areas.deliveryReview) sections.push(<DeliveryReviewSection key="delivery" />);
  if (areas.catalogue) sections.push(<CardsSection key="cards" drafting={areas.catalogueDrafting} />);
  if (!areas.operations && audit) sections.push(audit);
  if (areas.administration) sections.push(<AdministrationSection key="admin" />);
  // A counter operator lands here with their counter page first: the one thing they do.
  if (areas.counterDesk) sections.unshift(<CounterSection key="counter" />);
  if (areas.callCentre) sections.push(<CallCentreSection key="call-centre" />);
  if (areas.walkIn) sections.push(<WalkInSection key="walk-in" />);
  if (areas.counterWork) sections.push(<CounterWorkSection key="counter-work" />);
  if (areas.feedback) sections.push(<FeedbackSection key="feedback" />);
  if (areas.documents) sections.push(<DocumentsSection key="documents" />);
  const tools = areas.architecture || areas.licences || areas.reports || areas.deskReports || areas.deskScorecard || areas.holidayCalendar;
  const nothing = !areas.cartable && sections.length === 0 && !tools;

  const agency = session?.agency?.name;
  const lead =
    areas.cartable && sections.length === 0 && !tools
      ? agency
        ? t('staff.leadAgency', { agency })
        : t('staff.lead')
      : agency
        ? t('staffHome.lead', { agency })
        : t('staffHome.leadNoAgency');
  const roles = [...new Set((session?.roles ?? []).map((g) => t(`roles.${g.role}`)))];

  return (
    <div className="stack-lg">
      <PageHeader title={t('staff.title')} lead={lead} icon={<InboxIcon />} />
      {areas.cartable ? <CartableSection /> : null}
      {sections.length > 0 ? (
        <div className="workspace-grid" role="group" aria-label={t('staffHome.sections')}>
          {sections}
        </div>
      ) : null}
      <ToolsSection architecture={areas.architecture} licences={areas.licences} reports={areas.reports} deskReports={areas.deskReports} deskScorecard={areas.deskScorecard} calendar={areas.holidayCalendar} />
      {nothing ? (
        <div className="card">
          <EmptyState icon={<LockIcon />} title={t('staffHome.nothing.title')}>
            <p>
              {t('staffHome.nothing.body', { roles: roles.length ? roles.join('، ') : t('staffHome.nothing.noRoles') })}
            </p>
          </EmptyState>
        </div>
      ) : null}
    </div>
  );
}
