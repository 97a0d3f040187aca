import { isValidLegalId, isValidNationalCode, validateMobile, validatePostalCode, toAsciiDigits } from '@dargah/persian';
import { z } from 'zod';

/** Field validators with stable codes; the API turns the codes into Persian and English messages. */
export const NationalCode = z
  .string()
  .transform((s) => toAsciiDigits(s).replace(/[\s-]/g, ''))
  .refine(isValidNationalCode, { params: { code: 'NATIONAL_CODE_INVALID' }, message: 'NATIONAL_CODE_INVALID' });
export const LegalId = z
  .string()
  .transform((s) => toAsciiDigits(s).replace(/[\s-]/g, ''))
  .refine(isValidLegalId, { params: { code: 'LEGAL_ID_INVALID' }, message: 'LEGAL_ID_INVALID' });
export const Mobile = z.string().transform((s, ctx) => {
  const r = validateMobile(s);
  if (r.ok) return r.value;
  ctx.addIssue({ code: 'custom', params: { code: 'MOBILE_INVALID' }, message: 'MOBILE_INVALID' });
  return z.NEVER;
});
export const PostalCode = z.string().transform((s, ctx) => {
  const r = validatePostalCode(s);
  if (r.ok) return r.value;
  ctx.addIssue({ code: 'custom', params: { code: 'POSTAL_CODE_INVALID' }, message: 'POSTAL_CODE_INVALID' });
  return z.NEVER;
});

export const ROLES = [
  'desk_clerk',
  'expert',
  'unit_manager',
  'secretariat',
  'agency_admin',
  'central_reviewer',
  'oversight_auditor',
  'platform_admin',
] as const;
export const RoleName = z.enum(ROLES);

export const OtpRequest = z.object({ nationalCode: NationalCode, mobile: Mobile }).strict();
export const OtpChallenge = z.object({ challengeId: z.uuid(), expiresAt: z.iso.datetime(), resendAfter: z.iso.datetime() });
export const OtpVerify = z.object({ challengeId: z.uuid(), code: z.string().transform((s) => toAsciiDigits(s).trim()).pipe(z.string().regex(/^\d{6}$/)) }).strict();
export const StaffLogin = z.object({ username: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(256) }).strict();

export const SessionInfo = z.object({
  kind: z.enum(['citizen', 'staff']),
  id: z.uuid(),
  displayName: z.string(),
  onBehalfOf: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  agency: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  roles: z.array(z.object({ role: RoleName, agencyId: z.uuid(), unitId: z.uuid().nullable() })),
  /** Send back as X-CSRF-Token on every write made with the session cookie. */
  csrfToken: z.string(),
  expiresAt: z.iso.datetime(),
  /** Companies (for a citizen) or principals (for a delegate) this person may act for. */
  canActFor: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const AgencyKind = z.enum(['ministry', 'organisation', 'provincial_office', 'county_office', 'central_body']);
export const AgencyInput = z
  .object({
    legalId: LegalId,
    nameFa: z.string().trim().min(2).max(200),
    nameEn: z.string().trim().max(200).optional(),
    kind: AgencyKind,
    parentId: z.uuid().nullable().optional(),
    province: z.string().trim().max(100).optional(),
    county: z.string().trim().max(100).optional(),
  })
  .strict();
export const Agency = z.object({
  id: z.uuid(),
  legalId: z.string(),
  nameFa: z.string(),
  nameEn: z.string().nullable(),
  kind: AgencyKind,
  parentId: z.uuid().nullable(),
  province: z.string().nullable(),
  county: z.string().nullable(),
  version: z.number().int(),
});
export type Agency = z.infer<typeof Agency>;

export const OrgUnitInput = z
  .object({
    nameFa: z.string().trim().min(2).max(200),
    nameEn: z.string().trim().max(200).optional(),
    kind: z.enum(['headquarters', 'operational']),
    parentId: z.uuid().nullable().optional(),
    code: z.string().trim().max(40).optional(),
  })
  .strict();
export const OrgUnit = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  parentId: z.uuid().nullable(),
  nameFa: z.string(),
  nameEn: z.string().nullable(),
  kind: z.enum(['headquarters', 'operational']),
  code: z.string().nullable(),
  version: z.number().int(),
});

export const CitizenProfile = z.object({
  id: z.uuid(),
  kind: z.enum(['person', 'company']),
  nationalCode: z.string().nullable(),
  legalId: z.string().nullable(),
  name: z.string().nullable(),
  mobile: z.string().nullable(),
  postalCode: z.string().nullable(),
  address: z.string().nullable(),
});
export const CitizenProfileUpdate = z
  .object({ name: z.string().trim().min(2).max(200).optional(), postalCode: PostalCode.optional(), address: z.string().trim().max(500).optional() })
  .strict();
