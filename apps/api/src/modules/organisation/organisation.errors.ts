import { defineErrors, errorClassOf, type ErrorCodeOf } from '../../platform/http/errors';

/** Refusals of the organisation (agencies, units, staff, roles, delegations, separation of duties, password resets). */
export const organisationErrors = defineErrors({
  OIDC_SUBJECT_TAKEN: { status: 409, fa: 'این شناسه ورود سازمانی پیش‌تر به کارمند دیگری داده شده است.', en: 'This organisation sign-in subject is already linked to another staff member.' },
  AGENCY_NOT_FOUND: { status: 404, fa: 'دستگاه پیدا نشد.', en: 'The agency was not found.' },
  UNIT_NOT_FOUND: { status: 404, fa: 'واحد سازمانی پیدا نشد.', en: 'The organisational unit was not found.' },
  STAFF_NOT_FOUND: { status: 404, fa: 'کارمند پیدا نشد.', en: 'The staff member was not found.' },
  LEGAL_ID_TAKEN: { status: 409, fa: 'دستگاهی با این شناسه ملی پیش‌تر ثبت شده است.', en: 'An agency with this national id is already registered.' },
  USERNAME_TAKEN: { status: 409, fa: 'این نام کاربری پیش‌تر گرفته شده است.', en: 'This username is already taken.' },
  AGENCY_CYCLE: { status: 400, fa: 'یک دستگاه نمی‌تواند زیرمجموعه خود یا زیرمجموعه‌هایش باشد.', en: 'An agency cannot be placed under itself or its own sub-agencies.' },
  DELEGATION_NOT_FOUND: { status: 404, fa: 'جانشینی پیدا نشد.', en: 'The delegation was not found.' },
  SELF_REVIEW_FORBIDDEN: { status: 403, fa: 'کسی که موردی را فرستاده یا درخواست کرده است نمی‌تواند خودش آن را تأیید، برگشت یا رد کند.', en: 'Whoever submitted or applied for something cannot approve, return or reject it themselves.' },
  REVIEWER_CONFLICT_OF_INTEREST: { status: 403, fa: 'بررسی‌کنندهٔ مرکزی نمی‌تواند موردی از دستگاه خود یا دستگاه بالادستی آن را بررسی کند.', en: 'A central reviewer cannot review an item of their own agency or of an agency above it.' },
  AGENCY_PARENT_NOT_FOUND: { status: 400, fa: 'دستگاه بالادستی انتخاب‌شده پیدا نشد.', en: 'The chosen parent agency was not found.' },
  AGENCY_FIELD_LOCKED: { status: 403, fa: 'شناسه ملی و دستگاه بالادستی را فقط مدیر سامانه می‌تواند تغییر دهد.', en: 'Only a platform administrator may change the national id or the parent agency.' },
  UNIT_NOT_IN_AGENCY: { status: 400, fa: 'واحد سازمانی انتخاب‌شده از واحدهای همین دستگاه نیست.', en: 'The chosen organisational unit does not belong to this agency.' },
  UNIT_CYCLE: { status: 400, fa: 'یک واحد نمی‌تواند زیرمجموعه خود یا زیرمجموعه‌هایش باشد.', en: 'A unit cannot be placed under itself or its own sub-units.' },
  UNIT_CODE_TAKEN: { status: 409, fa: 'واحدی با این کد در این دستگاه پیش‌تر ثبت شده است.', en: 'A unit with this code is already registered in this agency.' },
  ROLE_GRANT_NOT_FOUND: { status: 404, fa: 'این کارمند چنین نقشی ندارد.', en: 'The staff member does not hold this role.' },
  ROLE_RESERVED: { status: 403, fa: 'این نقش را فقط مدیر سامانه می‌تواند بدهد یا بگیرد.', en: 'Only a platform administrator may grant or revoke this role.' },
  OWN_ROLES_LOCKED: { status: 403, fa: 'نقش‌های خودتان (یا کسی که جانشین او هستید) را نمی‌توانید تغییر دهید.', en: 'You cannot change your own roles, or those of the person you act for.' },
  DELEGATION_WINDOW_INVALID: { status: 400, fa: 'بازه جانشینی معتبر نیست: پایان باید پس از آغاز و پس از اکنون باشد.', en: 'The delegation window is not valid: its end must be after its start and after now.' },
  DELEGATE_NOT_ELIGIBLE: { status: 400, fa: 'جانشین باید کارمند فعال همان دستگاه و شخصی غیر از اصیل باشد.', en: 'The delegate must be an active staff member of the same agency, other than the principal.' },
  REDELEGATION_FORBIDDEN: { status: 403, fa: 'جانشین نمی‌تواند کار اصیل را به دیگری واگذار کند.', en: 'A delegate cannot hand the principal\'s work on to someone else.' },
  OWN_ACCOUNT_LOCKED: { status: 403, fa: 'این کار را روی حساب خودتان (یا کسی که جانشین او هستید) نمی‌توانید انجام دهید؛ مدیر دیگری باید انجام دهد.', en: 'You cannot do this to your own account, or that of the person you act for; another administrator must.' },
  STAFF_INACTIVE: { status: 409, fa: 'حساب این کارمند غیرفعال است؛ نخست آن را فعال کنید.', en: 'This staff account is deactivated; reactivate it first.' },
  STAFF_NO_MOBILE: { status: 409, fa: 'برای این کارمند شمارهٔ همراهی ثبت نشده است؛ نخست شمارهٔ همراه او را در مشخصاتش ثبت کنید.', en: 'This staff member has no mobile number; add one to their details first.' },
  PASSWORD_RESET_TOO_MANY: { status: 429, fa: 'برای این کارمند در یک ساعت گذشته بیش از حد کد بازنشانی فرستاده شده است؛ بعداً دوباره تلاش کنید.', en: 'Too many reset codes were sent to this staff member in the last hour; try again later.' },
  RESET_CODE_INVALID: { status: 400, fa: 'کد بازنشانی درست نیست یا پیش‌تر به کار رفته است؛ از مدیر دستگاه کد تازه بخواهید.', en: 'The reset code is not correct or was already used; ask your agency administrator for a new one.' },
  RESET_CODE_EXPIRED: { status: 400, fa: 'کد بازنشانی منقضی شده است؛ از مدیر دستگاه کد تازه بخواهید.', en: 'The reset code has expired; ask your agency administrator for a new one.' },
});

/** The module's refusals: the platform's codes and its own (an undeclared code does not compile). */
export const OrganisationError = errorClassOf(organisationErrors);
export type OrganisationCode = ErrorCodeOf<typeof OrganisationError>;
