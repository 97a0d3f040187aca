// About 400 lines: the printable information package is one document, section by section, in print order.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading, Notice } from '../../../../components/Notice';
import { PageHeader } from '../../../../components/PageHeader';
import { BackIcon, BuildingIcon, DocumentIcon, ForwardIcon, PrintIcon } from '../../../../components/icons';
import { useFormat } from '../../../../lib/format';
import { useStaticPage } from '../../../../lib/staticPage';
import { deskServicesQuery, isNotFound, serviceInfoQuery, type LegalRef, type ServiceInfo } from '../api';
import {
  CatalogueNotFound,
  ExpiredBadge,
  MaturityBadge,
  MaturityPlanText,
  RecipientsText,
  listSep,
  notYetElectronic,
} from '../components/bits';
import { termLabel } from '../../terms/labels';
import { UserText } from '../../../../components/UserText';
import { ChannelsText } from '../../terms/ChannelsText';

/**
 * `/catalogue/$serviceId`: a service's information package (بستهٔ اطلاعات خدمت), printable as one
 * clean A4 sheet: how to apply, documents, time, fees, legal basis, offices and hours, complaints.
 */
export function ServicePackagePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { serviceId } = useParams({ from: '/catalogue/$serviceId' });
  const info = useQuery(serviceInfoQuery(serviceId));

  if (info.isPending)
    return (
      <div className="stack-lg">
        <PageHeader title={t('cataloguePublic.packagePage.loadingTitle')} icon={<DocumentIcon />} />
        <Loading />
      </div>
    );
  if (info.isError) {
    if (isNotFound(info.error))
      return (
        <CatalogueNotFound title={t('cataloguePublic.packagePage.notFoundTitle')}>
          {t('cataloguePublic.packagePage.notFoundBody', { id: format.digits(serviceId) })}
        </CatalogueNotFound>
      );
    return (
      <div className="stack-lg">
        <PageHeader title={t('cataloguePublic.packagePage.errorTitle')} icon={<DocumentIcon />} />
        <ErrorNotice error={info.error} onRetry={() => void info.refetch()} />
      </div>
    );
  }
  return <Package s={info.data} />;
}

function Package({ s }: { s: ServiceInfo }) {
  const { t } = useTranslation();
  const format = useFormat();
  const staticPage = useStaticPage();
  const desk = useQuery(deskServicesQuery([s.serviceId]));
  // One way to apply on the page: at the Dargah desk when exactly one desk service takes its requests,
  // else at the agency's own e-service when the card lets it be requested online and is in force.
  const openDesks = (desk.data?.get(s.serviceId) ?? []).filter((d) => d.availability === 'open');
  const applyAtDesk = openDesks.length === 1 ? openDesks[0]! : null;
  const applyOnline = !applyAtDesk && openDesks.length === 0 && !s.expired && s.onlineRequest && s.channels.eServiceUrl;
  const p = 'cataloguePublic.packagePage';
  const days = (n: number) => t(`${p}.workingDays`, { count: n, n: format.number(n) });
  const channelList = (kinds: string[]) =>
    kinds.map((k) => termLabel(t, 'channel', k)).join(listSep(format.lang)) || '—';
  const pageUrl = typeof window === 'undefined' ? '' : window.location.href;

  return (
    <article className="stack-lg cp-package">
      <p className="print-only cp-package__sheet">{t(`${p}.sheetTitle`)}</p>
      <nav aria-label={t('a11y.breadcrumb')} className="breadcrumb">
        <Link to="/catalogue">
          <BackIcon />
          {t(`${p}.back`)}
        </Link>
      </nav>
      {s.expired ? (
        <Notice tone="warning" title={t('cataloguePublic.service.expiredTitle')} className="cp-expired">
          <p>{t('cataloguePublic.service.expiredBody', { date: format.date(s.expiresAt) })}</p>
        </Notice>
      ) : null}
      <PageHeader title={s.title} lead={<UserText>{s.agency.name}</UserText>} icon={<DocumentIcon />} />

      <div className="cp-actions no-print">
        {/* A button needs a script: the server-rendered page (ADR 0018) leaves printing to the browser's menu. */}
        {staticPage ? null : (
          <button type="button" className="button button--secondary" onClick={() => window.print()}>
            <PrintIcon />
            {t(`${p}.print`)}
          </button>
        )}
        {applyAtDesk ? (
          <Link to="/me/services/$serviceId/apply" params={{ serviceId: applyAtDesk.id }} className="button">
            {t(`${p}.applyOnDesk`)}
            <ForwardIcon />
          </Link>
        ) : applyOnline ? (
          <a href={s.channels.eServiceUrl!} className="button" rel="noopener noreferrer" target="_blank">
            {t(`${p}.eService`)}
            <ForwardIcon />
          </a>
        ) : null}
      </div>
      {openDesks.length > 1 ? (
        <Notice tone="info" className="no-print">
          <p>{t('cataloguePublic.desk.packageOnDesk')}</p>
          <ul className="cp-list">
            {openDesks.map((d) => (
              <li key={d.id}>
                <Link to="/services/$serviceId" params={{ serviceId: d.id }}>
                  {t('cataloguePublic.desk.deskOf', { agency: d.agencyName })}
                </Link>
              </li>
            ))}
          </ul>
        </Notice>
      ) : s.expired ? (
        <p className="text-muted no-print">{t('cataloguePublic.desk.packageExpired')}</p>
      ) : !s.onlineRequest ? (
        <Notice tone="info" title={t('cataloguePublic.desk.notOnline')}>
          <p>{t('cataloguePublic.desk.packageNotOnline')}</p>
          <p className="desk-channels">
            <ChannelsText channels={s.channels} />
          </p>
        </Notice>
      ) : null}

      {s.description ? (
        <p className="prose cp-package__description" dir="auto">
          {s.description}
        </p>
      ) : null}

      <Section title={t(`${p}.summary`)}>
        <dl className="facts cp-facts">
          <Fact label={t('cataloguePublic.service.id')}>
            <span className="cp-service-id">{format.digits(s.serviceId)}</span>
          </Fact>
          <Fact label={t('catalogueTerms.field.agency')}>
            <Link to="/catalogue/agencies/$agencyId" params={{ agencyId: s.agency.id }}>
              <UserText>{s.agency.name}</UserText>
            </Link>
          </Fact>
          <Fact label={t('cataloguePublic.service.recipients')}>
            <RecipientsText recipients={s.recipients} />
          </Fact>
          {s.level ? <Fact label={t('catalogueTerms.field.level')}>{termLabel(t, 'level', s.level)}</Fact> : null}
          {s.lifeEvents.length ? (
            <Fact label={t('catalogueTerms.field.lifeEvents')}>
              {s.lifeEvents.map((e) => t(`catalogueTerms.lifeEvent.${e}`)).join(listSep(format.lang))}
            </Fact>
          ) : null}
          {s.category ? <Fact label={t('catalogueTerms.field.category')}>{s.category.title}</Fact> : null}
          <Fact label={t('cataloguePublic.service.maturity')}>
            <MaturityBadge maturity={s.maturity} />
            {notYetElectronic(s.maturity) ? <MaturityPlanText plan={s.maturityPlan} /> : null}
          </Fact>
          <Fact label={t('cataloguePublic.service.approvedAt')}>{format.date(s.approvedAt)}</Fact>
          <Fact label={t('cataloguePublic.service.expiresAt')}>
            {format.date(s.expiresAt)} {s.expired ? <ExpiredBadge /> : null}
          </Fact>
        </dl>
        {s.subServices.length ? (
          <>
            <h3 className="cp-subtitle">{t('catalogueTerms.field.subServices')}</h3>
            <ul className="cp-list">
              {s.subServices.map((x, i) => (
                <li key={i}>
                  <UserText>{x.title}</UserText>
                  {x.description ? (
                    <span className="text-muted">
                      {' — '}
                      <UserText>{x.description}</UserText>
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>

      <Section title={t(`${p}.howToApply`)}>
        {s.howToApply.startMode ? (
          <p>
            <strong>{t('catalogueTerms.field.startMode')}: </strong>
            {termLabel(t, 'startMode', s.howToApply.startMode)}
          </p>
        ) : null}
        {s.howToApply.steps.length ? (
          <>
            <h3 className="cp-subtitle">{t(`${p}.steps`)}</h3>
            <ol className="cp-steps">
              {s.howToApply.steps.map((step) => (
                <li key={step.stage}>
                  <strong>{termLabel(t, 'stage', step.stage)}: </strong>
                  <UserText>{step.description}</UserText>
                </li>
              ))}
            </ol>
          </>
        ) : null}
        <h3 className="cp-subtitle">{t('catalogueTerms.section.channels')}</h3>
        <dl className="facts cp-facts">
          {(['information', 'request', 'delivery'] as const).map((stage) => (
            <Fact key={stage} label={t(`catalogueTerms.channelStage.${stage}`)}>
              {channelList(s.channels[stage])}
            </Fact>
          ))}
          {s.channels.eServiceUrl ? (
            <Fact label={t('catalogueTerms.field.eServiceUrl')}>
              <a href={s.channels.eServiceUrl} className="cp-url" rel="noopener noreferrer" dir="ltr">
                {s.channels.eServiceUrl}
              </a>
            </Fact>
          ) : null}
          <Fact label={t('catalogueTerms.section.visits')}>
            {s.howToApply.inPersonVisits
              ? `${t(`${p}.inPersonCount`, { count: s.howToApply.inPersonVisits, n: format.number(s.howToApply.inPersonVisits) })}${
                  s.howToApply.inPersonReason ? ` — ${s.howToApply.inPersonReason}` : ''
                }`
              : t(`${p}.inPersonNone`)}
          </Fact>
        </dl>
      </Section>

      <Section title={t('catalogueTerms.section.documents')}>
        {s.documents.length === 0 ? (
          <p className="text-muted">{t('catalogueTerms.noDocuments')}</p>
        ) : (
          <ul className="cp-docs">
            {s.documents.map((d, i) => (
              <li key={i} className="cp-doc">
                <UserText className="cp-doc__title">{d.title ?? d.evidenceType}</UserText>{' '}
                <span className={`badge badge--inline ${d.mandatory ? 'badge--warning' : ''}`}>
                  {d.mandatory ? t('catalogueTerms.field.mandatory') : t(`${p}.optional`)}
                </span>
                {d.byInquiry ? (
                  <span className="cp-doc__inquiry">
                    {t(`${p}.byInquiry`)}
                    {d.providerAgency ? ` (${t(`${p}.providedBy`, { agency: d.providerAgency })})` : ''}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t(`${p}.time`)}>
        <dl className="facts cp-facts">
          {s.time.normDays !== null ? <Fact label={t(`${p}.normDays`)}>{days(s.time.normDays)}</Fact> : null}
          {s.time.legalDeadlineDays !== null ? (
            <Fact label={t(`${p}.legalDeadline`)}>{days(s.time.legalDeadlineDays)}</Fact>
          ) : null}
          {s.time.extensionAllowed !== null ? (
            <Fact label={t(`${p}.extension`)}>
              {s.time.extensionAllowed
                ? t(`${p}.extensionYes`, { days: days(s.time.extensionTermDays ?? 0) })
                : t(`${p}.extensionNo`)}
            </Fact>
          ) : null}
        </dl>
      </Section>

      <Section title={t('catalogueTerms.section.fees')}>
        {s.fees.length === 0 ? (
          <p>{t(`${p}.free`)}</p>
        ) : (
          <ul className="cp-fees">
            {s.fees.map((f, i) => (
              <li key={i} className="cp-fee">
                <UserText className="cp-fee__title">{f.title}</UserText>
                <strong className="cp-fee__amount">
                  {t('catalogueTerms.rials', { amount: format.number(f.amountRials ?? 0) })}
                </strong>
                {f.legalBasis.length ? (
                  <span className="cp-fee__basis text-muted">
                    {t(`${p}.feeBasis`)}: <Refs refs={f.legalBasis} />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t('catalogueTerms.section.legal')}>
        <ul className="cp-list">
          {s.legalBasis.map((r, i) => (
            <li key={i}>
              <Ref r={r} />
            </li>
          ))}
        </ul>
      </Section>

      <Section title={t('catalogueTerms.section.offices')}>
        {s.offices.length === 0 ? (
          <p className="text-muted">{t(`${p}.noOffices`)}</p>
        ) : (
          <ul className="cp-offices">
            {s.offices.map((o, i) => (
              <li key={i} className="cp-office">
                <h3 className="cp-office__name">
                  <BuildingIcon />
                  <UserText>{o.name}</UserText>
                </h3>
                <dl className="cp-office__facts">
                  {o.address ? (
                    <div>
                      <dt>{t('catalogueTerms.field.address')}</dt>
                      <dd>
                        {o.address}
                        {o.province && !o.address.includes(o.province) ? `${listSep(format.lang)}${o.province}` : ''}
                      </dd>
                    </div>
                  ) : null}
                  {o.hours ? (
                    <div>
                      <dt>{t('catalogueTerms.field.hours')}</dt>
                      <dd>{format.digits(o.hours)}</dd>
                    </div>
                  ) : null}
                  {o.phone ? (
                    <div>
                      <dt>{t('catalogueTerms.field.phone')}</dt>
                      <dd>
                        <bdi dir="ltr">{format.digits(o.phone)}</bdi>
                      </dd>
                    </div>
                  ) : null}
                </dl>
              </li>
            ))}
          </ul>
        )}
      </Section>

      {s.complaintRoute ? (
        <Section title={t('catalogueTerms.section.complaint')}>
          <p>{format.digits(s.complaintRoute)}</p>
        </Section>
      ) : null}

      <p className="no-print">
        <Link to="/catalogue/agencies/$agencyId" params={{ agencyId: s.agency.id }}>
          {t(`${p}.agencyServices`)}
        </Link>
      </p>
      <p className="print-only cp-package__source">{t(`${p}.printedFrom`, { url: pageUrl })}</p>
    </article>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="card stack cp-section" aria-labelledby={id}>
      <h2 id={id} className="card__title">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Ref({ r }: { r: LegalRef }) {
  const { t } = useTranslation();
  const format = useFormat();
  const title = r.lawTitle ?? t('cataloguePublic.packagePage.unknownLaw');
  const article = t('catalogueTerms.lawArticle', { n: format.digits(r.article) });
  return (
    <>
      {r.link ? (
        <a href={r.link} rel="noopener noreferrer" className="cp-url">
          {title}
        </a>
      ) : (
        title
      )}
      {`${listSep(format.lang)}${article}`}
    </>
  );
}

function Refs({ refs }: { refs: LegalRef[] }) {
  return (
    <>
      {refs.map((r, i) => (
        <span key={i}>
          {i > 0 ? '؛ ' : ''}
          <Ref r={r} />
        </span>
      ))}
    </>
  );
}
