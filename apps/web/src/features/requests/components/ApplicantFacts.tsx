import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../../components/Notice';
import { SubmitButton } from '../../../components/SubmitButton';
import { UserText } from '../../../components/UserText';
import type { RequestApplicant } from '../../../lib/contracts';
import { useFormat } from '../../../lib/format';
import { revealApplicant } from '../api';

/**
 * Who applied: the person's name, national code and mobile (masked, with the digits of the page's
 * language), and the company they acted for. When the server says this viewer may (`revealable`),
 * one button fetches the full values through the audited reveal call; the result is announced and
 * kept only in this page.
 */
export function ApplicantFacts({ requestId, applicant }: { requestId: string; applicant: RequestApplicant }) {
  const { t } = useTranslation();
  const format = useFormat();
  const reveal = useMutation({ mutationFn: () => revealApplicant(requestId) });
  const shown = reveal.data;
  const code = (value: string | null | undefined) =>
    value ? (
      <bdi dir="ltr" className="applicant__code">
        {format.digits(value)}
      </bdi>
    ) : (
      <span className="text-muted">—</span>
    );
  const { person, company } = applicant;
  return (
    <div className="stack">
      <dl className="facts facts--grid">
        {company ? (
          <>
            <div className="facts__row">
              <dt>{t('desk.applicant.company')}</dt>
              <dd>{company.name ? <UserText>{company.name}</UserText> : <span className="text-muted">—</span>}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('desk.applicant.legalId')}</dt>
              <dd>{code(company.legalId)}</dd>
            </div>
          </>
        ) : null}
        <div className="facts__row">
          <dt>{company ? t('desk.applicant.representative') : t('desk.applicant.person')}</dt>
          <dd>
            {person.name ? (
              <UserText>{format.name(person.name)}</UserText>
            ) : (
              <span className="text-muted">{t('desk.applicant.noName')}</span>
            )}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('desk.applicant.nationalCode')}</dt>
          <dd data-testid="applicant-national-code">{code(shown ? shown.nationalCode : person.nationalCode)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('desk.applicant.mobile')}</dt>
          <dd data-testid="applicant-mobile">{code(shown ? shown.mobile : person.mobile)}</dd>
        </div>
      </dl>
      {applicant.revealable && !shown ? (
        <div className="stack">
          <p className="text-muted" id={`reveal-help-${requestId}`}>
            {t('desk.applicant.masked')} {t('desk.applicant.revealHelp')}
          </p>
          <div>
            <SubmitButton
              type="button"
              variant="secondary"
              className="button--small"
              aria-describedby={`reveal-help-${requestId}`}
              pending={reveal.isPending}
              onClick={() => reveal.mutate()}
            >
              {reveal.isPending ? t('desk.applicant.revealing') : t('desk.applicant.reveal')}
            </SubmitButton>
          </div>
        </div>
      ) : null}
      <div aria-live="polite">{shown ? <p className="text-muted">{t('desk.applicant.revealed')}</p> : null}</div>
      {reveal.isError ? <ErrorNotice error={reveal.error} /> : null}
    </div>
  );
}
