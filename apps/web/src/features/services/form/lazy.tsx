import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskFormProps } from './DeskForm';

const DeskFormChunk = lazy(() => import('./DeskForm').then((m) => ({ default: m.DeskForm })));

/** The desk form, its code (rjsf) loaded only when a page shows a form, so no other page's first load carries it. */
export function LazyDeskForm(props: DeskFormProps) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<p role="status">{t('apply.loadingTitle')}</p>}>
      <DeskFormChunk {...props} />
    </Suspense>
  );
}
