import { normalizeResetCode, RESET_CODE_LENGTH } from '@dargah/contracts';
import { useMutation } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { LockIcon } from '../../../components/icons';
import { useFormState } from '../../../lib/useFormState';
import { passwordProblemKey } from '../components/StaffCreateForm';
import { resetPassword } from '../staffApi';
import { FormActions, FormInput } from '../components/formParts';

const FIELDS = ['code', 'password', 'repeat'] as const;
type F = (typeof FIELDS)[number];

/**
 * `/staff/reset-password`: a staff member sets a new password with the one-time code their
 * administrator had sent them (prefilled from the link). Public: the code is the proof.
 */
export function StaffResetPasswordPage() {
  const { t } = useTranslation();
  // `code` of any route's search (the tracking page's may be a number): this page's is text.
  const search = useSearch({ strict: false });
  const code = search.code === undefined ? '' : String(search.code);
  const form = useFormState<F>({
    order: FIELDS,
    initial: { code, password: '', repeat: '' },
    idPrefix: 'reset-',
    validate: (v) => {
      const key = passwordProblemKey(v.password, '');
      return {
        code: normalizeResetCode(v.code).length !== RESET_CODE_LENGTH ? t('staffAdmin.reset.codeInvalid') : undefined,
        password: key ? t(key, { n: 10 }) : undefined,
        repeat: v.repeat !== v.password ? t('staffAdmin.reset.mismatch') : undefined,
      };
    },
  });
  const save = useMutation({
    mutationFn: () => resetPassword(form.values.code, form.values.password),
    onError: (error) => {
      const message = error instanceof Error ? error.message : undefined;
      form.showServerError(
        error,
        {
          RESET_CODE_INVALID: 'code',
          RESET_CODE_EXPIRED: 'code',
          PASSWORD_TOO_SHORT: 'password',
          PASSWORD_TOO_SIMPLE: 'password',
          PASSWORD_CONTAINS_USERNAME: 'password',
        },
        message,
      );
    },
  });
  const labels: Record<F, string> = {
    code: t('staffAdmin.reset.code'),
    password: t('staffAdmin.reset.password'),
    repeat: t('staffAdmin.reset.repeat'),
  };
  const placed = form.summary(labels).length > 0;

  return (
    <div className="stack-lg narrow">
      <PageHeader title={t('staffAdmin.reset.title')} lead={t('staffAdmin.reset.lead')} icon={<LockIcon />} />
      <section className="card stack" aria-labelledby="reset-title">
        <h2 id="reset-title" className="visually-hidden">
          {t('staffAdmin.reset.title')}
        </h2>
        {save.isSuccess ? (
          <Notice
            tone="success"
            role="status"
            action={
              <Link to="/staff/sign-in" className="button">
                {t('staffAdmin.reset.signIn')}
              </Link>
            }
          >
            <p>{t('staffAdmin.reset.done')}</p>
          </Notice>
        ) : (
          <form
            className="stack"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (!save.isPending && form.check()) save.mutate();
            }}
          >
            <ErrorSummary id="reset-errors" errors={form.summary(labels)} />
            {save.isError && !placed ? <ErrorNotice error={save.error} /> : null}
            <FormInput
              form={form}
              name="code"
              label={labels.code}
              help={t('staffAdmin.reset.codeHelp')}
              required
              dir="ltr"
              autoComplete="one-time-code"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={40}
            />
            <FormInput
              form={form}
              name="password"
              label={labels.password}
              help={t('staffAdmin.reset.passwordHelp')}
              required
              type="password"
              dir="ltr"
              autoComplete="new-password"
            />
            <FormInput
              form={form}
              name="repeat"
              label={labels.repeat}
              required
              type="password"
              dir="ltr"
              autoComplete="new-password"
            />
            <FormActions pending={save.isPending} submitLabel={t('staffAdmin.reset.submit')} />
          </form>
        )}
      </section>
    </div>
  );
}
