import { useTranslation } from 'react-i18next';
import { Notice } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { CompassIcon } from '../../../components/icons';
import type { RoleName } from '../../../lib/contracts';
import { hasRole, useSession } from '../../identity';
import { GapsSection } from '../components/GapsSection';
import { MarkFormSection } from '../components/MarkFormSection';
import { MarksSection } from '../components/MarksSection';
import { TaxonomySection } from '../components/TaxonomySection';

/** Who edits the architecture and marks services (CENTRAL_REVIEWERS on the server). */
const EDITORS: readonly RoleName[] = ['central_reviewer', 'platform_admin'];
/** Who may look (the server lets oversight auditors read marks and gaps). */
const READERS: readonly RoleName[] = [...EDITORS, 'oversight_auditor'];

/** `/staff/catalogue/architecture`: the service architecture for central reviewers. */
export function ArchitecturePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const title = t('catalogueArchitecture.architecturePage.title');
  if (!hasRole(session, READERS))
    return (
      <div className="stack-lg">
        <PageHeader title={title} icon={<CompassIcon />} />
        <Notice tone="warning" title={t('catalogueArchitecture.architecturePage.notPermittedTitle')}>
          <p>{t('catalogueArchitecture.architecturePage.notPermitted')}</p>
        </Notice>
      </div>
    );
  const editor = hasRole(session, EDITORS);
  return (
    <div className="stack-lg architecture">
      <PageHeader title={title} lead={t('catalogueArchitecture.architecturePage.lead')} icon={<CompassIcon />} />
      {editor ? null : (
        <Notice tone="info">
          <p>{t('catalogueArchitecture.architecturePage.readOnly')}</p>
        </Notice>
      )}
      <TaxonomySection editor={editor} />
      <GapsSection />
      {editor ? <MarkFormSection /> : null}
      <MarksSection editor={editor} />
    </div>
  );
}
