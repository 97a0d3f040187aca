import { useTranslation } from 'react-i18next';
import { AlertIcon } from '../../../../components/icons';
import { useFormat } from '../../../../lib/format';
import { CardStatusBadge } from '../../terms/CardStatusBadge';
import type { ServiceCardView } from '../api';
import type { CardRefs } from '../refs';

/** The card's facts: status (expired, overdue), versions and the lifecycle's dates in Jalali. */
export function CardFacts({ card: c, overdue }: { card: ServiceCardView; overdue: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="card stack" aria-labelledby="card-facts-title">
      <h2 id="card-facts-title" className="card__title">
        {t('catalogueReview.cardPage.facts')}
      </h2>
      <dl className="facts facts--grid">
        <div className="facts__row">
          <dt>{t('catalogueReview.cardPage.status')}</dt>
          <dd>
            <CardStatusBadge status={c.status} />
            {c.expired ? (
              <span className="badge badge--danger badge--inline">
                <AlertIcon />
                {t('catalogueReview.cardPage.expiredTitle')}
              </span>
            ) : null}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('catalogueReview.cardPage.version')}</dt>
          <dd>{format.number(c.currentVersion)}</dd>
        </div>
        {c.approvedVersion !== null ? (
          <div className="facts__row">
            <dt>{t('catalogueReview.cardPage.approvedVersion')}</dt>
            <dd>{format.number(c.approvedVersion)}</dd>
          </div>
        ) : null}
        {c.submittedAt ? (
          <div className="facts__row">
            <dt>{t('catalogueReview.cardPage.submittedAt')}</dt>
            <dd>
              <time dateTime={c.submittedAt}>{format.date(c.submittedAt)}</time>
            </dd>
          </div>
        ) : null}
        {c.reviewDueAt ? (
          <div className="facts__row">
            <dt>{t('catalogueReview.cardPage.reviewDueAt')}</dt>
            <dd>
              <time dateTime={c.reviewDueAt}>{format.date(c.reviewDueAt)}</time>
              {overdue ? (
                <span className="badge badge--danger badge--inline">
                  <AlertIcon />
                  {t('catalogueReview.cardPage.overdue')}
                </span>
              ) : null}
            </dd>
          </div>
        ) : null}
        {c.approvedAt ? (
          <div className="facts__row">
            <dt>{t('catalogueReview.cardPage.approvedAt')}</dt>
            <dd>
              <time dateTime={c.approvedAt}>{format.date(c.approvedAt)}</time>
            </dd>
          </div>
        ) : null}
        {c.expiresAt ? (
          <div className="facts__row">
            <dt>{t('catalogueReview.cardPage.expiresAt')}</dt>
            <dd>
              <time dateTime={c.expiresAt}>{format.date(c.expiresAt)}</time>
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

/** A change request's legal basis (law, articles, reason) and the agency head's approval, when the card has them. */
export function ChangeBasis({ card: c, refs }: { card: ServiceCardView; refs: CardRefs }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!c.changeBasis && !c.headApproval) return null;
  return (
    <section className="card stack" aria-labelledby="card-change-basis-title">
      <h2 id="card-change-basis-title" className="card__title">
        {t('catalogueReview.cardPage.changeBasisTitle')}
      </h2>
      <dl className="facts facts--grid">
        {c.changeBasis ? (
          <>
            <div className="facts__row">
              <dt>{t('catalogueReview.cardPage.changeLaw')}</dt>
              <dd>{refs.lawTitle(c.changeBasis.lawId)}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('catalogueReview.cardPage.changeArticles')}</dt>
              <dd>
                {c.changeBasis.articles.map((a) => t('catalogueTerms.lawArticle', { n: format.digits(a) })).join('، ')}
              </dd>
            </div>
            <div className="facts__row">
              <dt>{t('catalogueReview.cardPage.changeReason')}</dt>
              <dd className="answers__value">{c.changeBasis.reason}</dd>
            </div>
          </>
        ) : null}
        {c.headApproval ? (
          <>
            <div className="facts__row">
              <dt>{t('catalogueReview.cardPage.headApprover')}</dt>
              <dd>
                {refs.personName(c.headApproval.approvedBy) ??
                  t('catalogueReview.who.agencyStaff', { agency: c.agencyName })}
              </dd>
            </div>
            <div className="facts__row">
              <dt>{t('catalogueReview.cardPage.headApprovedAt')}</dt>
              <dd>{format.date(c.headApproval.approvedAt)}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('catalogueReview.cardPage.headReference')}</dt>
              <dd>
                <bdi>{format.digits(c.headApproval.reference)}</bdi>
              </dd>
            </div>
          </>
        ) : null}
      </dl>
    </section>
  );
}
