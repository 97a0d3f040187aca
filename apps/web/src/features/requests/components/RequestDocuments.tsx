import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { requestDocumentHref, requestDocumentsQuery } from '../api';

/** The documents submitted with a request, each with its download link (the applicant's and the staff's request pages). Nothing when there are none. */
export function RequestDocuments({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const docs = useQuery(requestDocumentsQuery(requestId));
  if (!docs.data || docs.data.items.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="request-documents-title">
      <h2 id="request-documents-title" className="card__title">
        {t('uploads.documentsTitle')}
      </h2>
      <dl className="facts">
        {docs.data.items.map((d) => (
          <div key={d.id} className="facts__row">
            <dt>
              <bdi>{d.title}</bdi>
            </dt>
            <dd>
              <a href={requestDocumentHref(requestId, d.id)} download aria-label={t('uploads.download', { name: d.fileName })}>
                <bdi>{d.fileName}</bdi>
              </a>{' '}
              <span className="text-muted">({t('interaction.size', { kb: format.number(Math.ceil(d.sizeBytes / 1024)) })})</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
