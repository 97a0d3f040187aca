import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageQueryStates } from '../../../components/PageQueryStates';
import { PageHeader } from '../../../components/PageHeader';
import { BackIcon, DocumentIcon, ForwardIcon } from '../../../components/icons';
import type { PublicService } from '../../../lib/contracts';
import { useFormat } from '../../../lib/format';
import { useSession } from '../../identity';
import { serviceQuery } from '../api';
import { UserText } from '../../../components/UserText';
import { DeskBadge, DeskUnavailableNotice } from '../components/DeskAvailability';

/**
 * `/services/$serviceId`: what the service is (titled as its approved catalogue card), who gives it,
 * how long an answer takes (the norm in working days) and the one way to apply. Applying needs a
 * citizen's sign-in; the apply page asks for it and comes back. A service whose card has expired or
 * is not requested online says so, and how it is delivered, and offers no apply.
 */
export function ServicePage() {
  const { t } = useTranslation();
  const { serviceId = '' } = useParams({ strict: false });
  const service = useQuery(serviceQuery(serviceId));
  const { session } = useSession();

  return (
    <PageQueryStates
      query={service}
      icon={<DocumentIcon />}
      loadingTitle={t('services.loadingTitle')}
      failedTitle={t('services.errorTitle')}
      back={
        <Link to="/" className="button button--secondary">
          {t('services.backToCatalogue')}
        </Link>
      }
    >
      {(s) => <ServiceDetails s={s} signedInCitizen={session?.kind === 'citizen'} />}
    </PageQueryStates>
  );
}

function ServiceDetails({ s, signedInCitizen }: { s: PublicService; signedInCitizen: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const paragraphs = s.description.split(/\n{2,}|\r\n\r\n/).filter((p) => p.trim() !== '');
  return (
    <div className="stack-lg">
      <nav aria-label={t('a11y.breadcrumb')} className="breadcrumb">
        <Link to="/" hash="services">
          <BackIcon />
          {t('services.backToCatalogue')}
        </Link>
      </nav>
      <PageHeader title={s.title} lead={<UserText>{s.agencyName}</UserText>} icon={<DocumentIcon />} />
      <DeskUnavailableNotice service={s} />
      <div className="two-columns">
        <section className="card stack" aria-labelledby="service-about">
          <h2 id="service-about" className="card__title">
            {t('services.about')}
          </h2>
          {paragraphs.length > 0 ? (
            paragraphs.map((p, i) => (
              <p key={i} className="prose" dir="auto">
                {p}
              </p>
            ))
          ) : (
            <p className="text-muted">{t('services.noDescription')}</p>
          )}
        </section>
        <aside className="card stack" aria-labelledby="service-facts">
          <h2 id="service-facts" className="card__title">
            {t('services.facts')}
          </h2>
          <dl className="facts">
            <div className="facts__row">
              <dt>{t('services.agency')}</dt>
              <dd>
                <UserText>{s.agencyName}</UserText>
              </dd>
            </div>
            <div className="facts__row">
              <dt>{t('services.norm')}</dt>
              <dd>{t('services.normDays', { count: s.normDays, n: format.number(s.normDays) })}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('services.fee')}</dt>
              <dd>{s.fee.kind === 'fixed' ? t('services.feeFixed', { amount: format.rials(s.fee.amountRials) }) : t('services.feeNone')}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('services.recipients')}</dt>
              <dd>{t(`services.recipientKinds.${s.recipients}`)}</dd>
            </div>
            {s.catalogueServiceId ? (
              <div className="facts__row">
                <dt>{t('services.catalogueId')}</dt>
                <dd>
                  <Link
                    to="/catalogue/$serviceId"
                    params={{ serviceId: s.catalogueServiceId }}
                    aria-describedby="service-catalogue-id-help"
                  >
                    <bdi dir="ltr">{format.digits(s.catalogueServiceId)}</bdi>
                  </Link>
                  <span id="service-catalogue-id-help" className="facts__help">
                    {t('services.catalogueIdHelp')}
                  </span>
                </dd>
              </div>
            ) : null}
          </dl>
          {s.availability === 'open' ? (
            <>
              <Link to="/me/services/$serviceId/apply" params={{ serviceId: s.id }} className="button button--block">
                {t('services.apply')}
                <ForwardIcon />
              </Link>
              {signedInCitizen ? null : <p className="text-muted">{t('services.applyNeedsSignIn')}</p>}
            </>
          ) : (
            <p className="text-muted">
              <DeskBadge service={s} />
            </p>
          )}
          {s.catalogueServiceId ? null : <p className="text-muted">{t('deskAvailability.notInCatalogue')}</p>}
        </aside>
      </div>
    </div>
  );
}
