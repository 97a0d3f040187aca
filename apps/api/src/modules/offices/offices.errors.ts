import { defineErrors, errorClassOf } from '../../platform/http/errors';

/** Refusals of the service offices' directory, with Persian and English text. */
export const officesErrors = defineErrors({
  OFFICE_NOT_FOUND: { status: 404, fa: 'دفتر خدمت پیدا نشد.', en: 'The service office was not found.' },
  OFFICE_CODE_TAKEN: { status: 409, fa: 'دفتری از همین نوع با این شماره ثبت شده است.', en: 'An office of this kind with this number is already registered.' },
  OFFICE_INACTIVE: { status: 409, fa: 'این دفتر غیرفعال است و خدمتی به آن واگذار نمی‌شود.', en: 'This office is inactive: no service can be delegated to it.' },
  OFFICE_OPERATOR_ROLE_MISSING: { status: 409, fa: 'این کارمند نقش اپراتور دفتر پیشخوان را ندارد.', en: 'This staff member does not hold the counter operator role.' },
  OFFICE_SERVICE_NOT_DELEGABLE: { status: 409, fa: 'این خدمت منتشر نشده است و به دفتری واگذار نمی‌شود.', en: 'This service is not published and cannot be delegated to an office.' },
});

/** The module's refusals: the platform's codes and its own. */
export const OfficesError = errorClassOf(officesErrors);
