import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader';

/** Placeholder page (issue 4 work in progress). */
export function ImportPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('catalogueImport.importPage.title')} />;
}
