import { toAsciiDigits } from '@dargah/persian';
import { z } from 'zod';
import { Mobile, NationalCode, RoleGrantInput, RoleName, StaffInput, StaffMember } from './identity';

/*
 * Staff administration: a staff member's details, creating one with roles in one step,
 * deactivation, password reset by a one-time code, and the capabilities each screen asks for.
 */

/** One line of text without control characters (a NUL cannot be stored, the others are never meant). */
// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001F\u007F]*$/;
const Line = (min: number, max: number) => z.string().trim().min(min).max(max).regex(NO_CONTROL);

/** At most this many role grants in one staff creation. */
export const MAX_GRANTS_AT_CREATION = 10;

/**
 * Body of POST /admin/agencies/:id/staff: the account and its roles, created together or not at all
 * (every grant is checked before anything is written).
 */
export const NewStaffInput = StaffInput.extend({
  displayName: Line(2, 200),
  password: z.string().min(1).max(256).regex(NO_CONTROL),
  oidcSubject: Line(1, 255).optional(),
  /** Where a password-reset code is sent. */
  mobile: Mobile.optional(),
  roles: z.array(RoleGrantInput).max(MAX_GRANTS_AT_CREATION).optional(),
}).strict();
export type NewStaffInput = z.infer<typeof NewStaffInput>;

/** A staff member as the staff page shows them: the list's view and their contact details. */
export const StaffDetails = StaffMember.extend({
  nationalCode: z.string().nullable(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  oidcSubject: z.string().nullable(),
  /** Send back with PUT /admin/staff/:id; a stale one is refused with 409 CONFLICT. */
  version: z.number().int(),
});
export type StaffDetails = z.infer<typeof StaffDetails>;

/**
 * PUT /admin/staff/:id replaces the details (left-out optional fields are cleared). The username
 * (the sign-in name) and the password are not details: neither changes here.
 */
export const StaffUpdate = z
  .object({
    displayName: Line(2, 200),
    nationalCode: NationalCode.optional(),
    email: z.email().max(200).optional(),
    mobile: Mobile.optional(),
    oidcSubject: Line(1, 255).optional(),
    version: z.number().int().min(1),
  })
  .strict();
export type StaffUpdate = z.infer<typeof StaffUpdate>;

/** GET /admin/agencies/:id/staff: search by name or username, a page at a time (by name). */
export const StaffListQuery = z.object({
  q: z.string().max(100).regex(NO_CONTROL).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export const StaffPage = z.object({ items: z.array(StaffMember), nextCursor: z.string().nullable() });
export type StaffPage = z.infer<typeof StaffPage>;

/** The answer to POST /admin/staff/:id/password-reset: where the code went (masked), until when. */
export const PasswordResetSent = z.object({ sentTo: z.string(), expiresAt: z.iso.datetime() });
export type PasswordResetSent = z.infer<typeof PasswordResetSent>;

/** The alphabet of password-reset codes: Crockford's base 32 (no I, L, O, U). */
export const RESET_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RESET_CODE_LENGTH = 16;

/** A reset code as typed: any case, Persian or Arabic digits, spaces and dashes between groups. */
export const normalizeResetCode = (typed: string): string =>
  toAsciiDigits(typed)
    .toUpperCase()
    .replace(/[\s\u200c-]/g, '');
export const ResetCode = z
  .string()
  .max(64)
  .transform(normalizeResetCode)
  .pipe(z.string().regex(new RegExp(`^[${RESET_CODE_ALPHABET}]{${RESET_CODE_LENGTH}}$`)));

/** POST /auth/staff/reset-password: the code a staff member received, and their new password. */
export const StaffPasswordReset = z
  .object({ code: ResetCode, password: z.string().min(1).max(256).regex(NO_CONTROL) })
  .strict();
export type StaffPasswordReset = z.infer<typeof StaffPasswordReset>;

// Capabilities: what the person may do, computed by the policy each operation applies ------------

/** GET /admin/capabilities: the administration area as a whole. */
export const AdminCapabilities = z.object({
  createAgency: z.boolean(),
  /** Every agency (a platform administrator), or only those in agencyIds. */
  allAgencies: z.boolean(),
  agencyIds: z.array(z.uuid()),
});
export type AdminCapabilities = z.infer<typeof AdminCapabilities>;

/** GET /agencies/:id/capabilities (404 for an agency the caller does not administer). */
export const AgencyCapabilities = z.object({
  edit: z.boolean(),
  changeLegalIdOrParent: z.boolean(),
  createUnit: z.boolean(),
  editUnits: z.boolean(),
  createStaff: z.boolean(),
  issueApiToken: z.boolean(),
  /** Roles the caller may grant in this agency (to a new staff member). */
  grantableRoles: z.array(RoleName),
});
export type AgencyCapabilities = z.infer<typeof AgencyCapabilities>;

/** GET /staff/:id/capabilities (404 for a staff member the caller neither administers nor is). */
export const StaffCapabilities = z.object({
  edit: z.boolean(),
  changeRoles: z.boolean(),
  /** Roles the caller may grant this person in their agency. */
  grantableRoles: z.array(RoleName),
  deactivate: z.boolean(),
  reactivate: z.boolean(),
  unlock: z.boolean(),
  resetPassword: z.boolean(),
  /** Create a delegation with this person as the principal. */
  delegate: z.boolean(),
});
export type StaffCapabilities = z.infer<typeof StaffCapabilities>;

/** GET /delegations/:id/capabilities. */
export const DelegationCapabilities = z.object({ end: z.boolean() });
export type DelegationCapabilities = z.infer<typeof DelegationCapabilities>;

/** GET /api-tokens/:id/capabilities. */
export const ApiTokenCapabilities = z.object({ revoke: z.boolean() });
export type ApiTokenCapabilities = z.infer<typeof ApiTokenCapabilities>;
