import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DocumentIcon, LockIcon } from '../../../components/icons';
import { HomeSection } from './HomeSection';

/** Documents and signing: the documents waiting for the person's signature and their signing keys. */
export function DocumentsSection() {
  const { t } = useTranslation();
  return (
    <HomeSection
      icon={<DocumentIcon />}
      heading={<Link to="/staff/documents">{t('documents.home.title')}</Link>}
      description={t('documents.home.lead')}
    >
      <ul className="link-list">
        <li>
          <DocumentIcon />
          <Link to="/staff/documents">{t('documents.home.toSign')}</Link>
        </li>
        <li>
          <LockIcon />
          <Link to="/staff/documents/keys">{t('documents.home.keys')}</Link>
        </li>
      </ul>
    </HomeSection>
  );
}
