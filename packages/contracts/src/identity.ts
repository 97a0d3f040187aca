import {
  isValidLegalId,
  isValidNationalCode,
  validateMobile,
  validatePostalCode,
  toAsciiDigits,
} from '@dargah/persian';
import { z } from 'zod';
import { Areas } from './areas';

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
  /** Answers callers about their requests (issue 11 §9): looks a request up by tracking code after an identity check. */
  'call_centre_operator',
  /** Evaluates the electronic service desks of the agencies in the province of their agency (the province's planning organisation, issue 11 §12). */
  'provincial_evaluator',
  /** Works at one counter office (پیشخوان دولت): submits requests for citizens with their one-time code as consent (issue 11 §9). */
  'counter_operator',
] as const;
export const RoleName = z.enum(ROLES);

export const OtpRequest = z.object({ nationalCode: NationalCode, mobile: Mobile }).strict();
export const OtpChallenge = z.object({
  challengeId: z.uuid(),
  expiresAt: z.iso.datetime(),
  resendAfter: z.iso.datetime(),
});
export const OtpVerify = z
  .object({
    challengeId: z.uuid(),
    code: z
      .string()
      .transform((s) => toAsciiDigits(s).trim())
      .pipe(z.string().regex(/^\d{6}$/)),
  })
  .strict();
export const StaffLogin = z
  .object({ username: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(256) })
  .strict();

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
  /** The parts of Dargah this person may open now (see ./areas.ts); recomputed when acting for someone. */
  areas: Areas,
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
  .object({
    name: z.string().trim().min(2).max(200).optional(),
    postalCode: PostalCode.optional(),
    address: z.string().trim().max(500).optional(),
  })
  .strict();

// Administration of identity: agencies, units, staff, roles, delegation, API tokens ---------------

/** What the public portal shows of an active agency. */
export const PublicAgency = z.object({
  id: z.uuid(),
  nameFa: z.string(),
  nameEn: z.string().nullable(),
  kind: AgencyKind,
  parentId: z.uuid().nullable(),
  province: z.string().nullable(),
});
export type PublicAgency = z.infer<typeof PublicAgency>;

/** Optimistic concurrency: the version the client read; a stale one is refused with 409 CONFLICT. */
const Version = z.number().int().min(1);

/**
 * PUT replaces the whole agency: optional fields left out are cleared (a left-out parentId means
 * "no parent"). An agency administrator must send legalId and parentId unchanged.
 */
export const AgencyUpdate = AgencyInput.extend({ version: Version });
export type AgencyUpdate = z.infer<typeof AgencyUpdate>;
export type AgencyInput = z.infer<typeof AgencyInput>;

export type OrgUnit = z.infer<typeof OrgUnit>;
export type OrgUnitInput = z.infer<typeof OrgUnitInput>;
/** PUT replaces the whole unit (left-out optional fields are cleared); the agency never changes. */
export const OrgUnitUpdate = OrgUnitInput.extend({ version: Version });
export type OrgUnitUpdate = z.infer<typeof OrgUnitUpdate>;

export const RoleGrant = z.object({
  role: RoleName,
  agencyId: z.uuid(),
  unitId: z.uuid().nullable(),
  includeSubagencies: z.boolean(),
});
export type RoleGrant = z.infer<typeof RoleGrant>;
/** Body of POST and DELETE /admin/staff/:id/roles. includeSubagencies matters only when granting. */
export const RoleGrantInput = z
  .object({
    role: RoleName,
    agencyId: z.uuid(),
    unitId: z.uuid().nullable().optional(),
    includeSubagencies: z.boolean().optional(),
  })
  .strict();
export type RoleGrantInput = z.infer<typeof RoleGrantInput>;
/** Roles only a platform administrator may grant or revoke. */
export const PLATFORM_ONLY_ROLES = ['platform_admin', 'central_reviewer', 'oversight_auditor', 'counter_operator', 'provincial_evaluator'] as const;

export const StaffUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,64}$/);
export const StaffInput = z
  .object({
    username: StaffUsername,
    displayName: z.string().trim().min(2).max(200),
    /** Checked against the password rules (length, letters and digits, not the username). */
    password: z.string().min(1).max(256),
    nationalCode: NationalCode.optional(),
    email: z.email().max(200).optional(),
    /** The `sub` this person has at the agency's OpenID Connect provider, to sign in there instead. */
    oidcSubject: z.string().trim().min(1).max(255).optional(),
  })
  .strict();
export type StaffInput = z.infer<typeof StaffInput>;
export const StaffMember = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  /** Locked after repeated failed sign-ins, until lockedUntil. */
  locked: z.boolean(),
  lockedUntil: z.iso.datetime().nullable(),
  failedLogins: z.number().int(),
  roles: z.array(RoleGrant),
});
export type StaffMember = z.infer<typeof StaffMember>;

export const DelegationInput = z
  .object({
    principalId: z.uuid(),
    delegateId: z.uuid(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    reason: z.string().trim().min(3).max(500),
  })
  .strict();
export type DelegationInput = z.infer<typeof DelegationInput>;
export const DelegationStatus = z.enum(['scheduled', 'active', 'ended', 'revoked']);
export const Delegation = z.object({
  id: z.uuid(),
  principalId: z.uuid(),
  principalName: z.string(),
  delegateId: z.uuid(),
  delegateName: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  reason: z.string(),
  revokedAt: z.iso.datetime().nullable(),
  status: DelegationStatus,
});
export type Delegation = z.infer<typeof Delegation>;

/** What another agency's system may do with an API token; each endpoint for systems needs one. */
export const API_SCOPES = [
  'catalogue:read',
  'requests:read',
  'requests:write',
  'inquiries:answer',
  'letters:deliver',
] as const;
export const ApiScope = z.enum(API_SCOPES);
export type ApiScope = z.infer<typeof ApiScope>;
export const ApiTokenInput = z
  .object({
    agencyId: z.uuid(),
    name: z.string().trim().min(2).max(100),
    scopes: z.array(ApiScope).min(1).max(API_SCOPES.length),
  })
  .strict();
export type ApiTokenInput = z.infer<typeof ApiTokenInput>;
export const ApiToken = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  name: z.string(),
  /** The first characters of the secret, to recognise it; the secret itself is never stored. */
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;
/** The answer to creating a token: the only time the secret is shown. */
export const ApiTokenCreated = ApiToken.extend({ secret: z.string() });
export type ApiTokenCreated = z.infer<typeof ApiTokenCreated>;

/** GET /agency-systems/whoami: the calling system's token, agency and scopes. */
export const AgencySystemIdentity = z.object({
  tokenId: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  scopes: z.array(z.string()),
});
export type AgencySystemIdentity = z.infer<typeof AgencySystemIdentity>;
