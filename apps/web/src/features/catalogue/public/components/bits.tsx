import { NOT_YET_ELECTRONIC } from '@dargah/contracts';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../../components/EmptyState';
import { CompassIcon } from '../../../../components/icons';
import { useFormat } from '../../../../lib/format';
import { usePageTitle } from '../../../../lib/usePageTitle';
import { recipientLabel } from '../../terms/labels';
import type { Maturity, MaturityPlan, Recipient } from '../api';
import { useNotFoundStatus } from '../../../../lib/staticPage';

/** Whether a service is not yet delivered electronically (no level, or one of NOT_YET_ELECTRONIC). */
export const notYetElectronic = (m: Maturity | null) => m === null || NOT_YET_ELECTRONIC.includes(m);

/** The electronic maturity as a badge: words, never colour alone. */
export function MaturityBadge({ maturity }: { maturity: Maturity | null }) {
  const { t } = useTranslation();
  if (!maturity) return null;
  return (
    <span className={`badge badge--inline ${notYetElectronic(maturity) ? 'badge--warning' : 'badge--success'}`}>
      <span className="visually-hidden">{t('cataloguePublic.service.maturity')}: </span>
      {t(`catalogueTerms.maturity.${maturity}`)}
    </span>
  );
}

export function ExpiredBadge() {
  const { t } = useTranslation();
  return <span className="badge badge--inline badge--danger">{t('cataloguePublic.service.expired')}</span>;
}

/** The list separator of the interface language: «، » in Persian, ", " in English. */
export const listSep = (lang: string) => (lang === 'fa' ? '، ' : ', ');

export function RecipientsText({ recipients }: { recipients: Recipient[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return <>{recipients.map((r) => recipientLabel(t, r)).join(listSep(format.lang))}</>;
}

/** «الکترونیکی شدن تا …» and the reason, or the exemption; nothing for an electronic service. */
export function MaturityPlanText({ plan, empty }: { plan: MaturityPlan; empty?: ReactNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (plan.exemption)
    return (
      <p>
        {t('cataloguePublic.service.exemption', {
          reference: format.digits(plan.exemption.reference),
          date: format.jalaliDay(plan.exemption.approvedOn),
        })}
      </p>
    );
  if (!plan.plannedDate && !plan.reason) return empty ? <p className="text-muted">{empty}</p> : null;
  return (
    <>
      {plan.plannedDate ? (
        <p className="cp-plan">
          {t('cataloguePublic.service.plannedDate', { date: format.jalaliDay(plan.plannedDate) })}
        </p>
      ) : null}
      {plan.reason ? (
        <p className="text-muted">{t('cataloguePublic.service.reason', { reason: plan.reason })}</p>
      ) : null}
    </>
  );
}

/** A page-sized "not found" (an unknown service or agency), with the way back to the catalogue. */
export function CatalogueNotFound({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  usePageTitle(title);
  useNotFoundStatus();
  return (
    <div className="card not-found">
      <EmptyState
        icon={<CompassIcon />}
        title={title}
        headingLevel={1}
        action={
          <Link to="/catalogue" className="button">
            {t('cataloguePublic.packagePage.back')}
          </Link>
        }
      >
        <p>{children}</p>
      </EmptyState>
    </div>
  );
}
