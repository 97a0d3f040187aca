import {
  AdminCapabilities,
  AgencyCapabilities,
  ApiTokenCapabilities,
  DelegationCapabilities,
  NewStaffInput,
  PasswordResetSent,
  RoleGrantInput,
  StaffCapabilities,
  StaffDetails,
  StaffListQuery,
  StaffPage,
  StaffPasswordReset,
  StaffUpdate,
} from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { claimFrom, IdempotencyHeaders, sendReplayable } from '../../platform/idempotency';
import { limitPerAddress } from '../../platform/rate-limit';
import { adminCapabilities, agencyCapabilities, apiTokenCapabilities, delegationCapabilities, staffCapabilities } from './capabilities.service';
import { requestPasswordReset, resetStaffPassword } from './password-reset.service';
import { createStaff, deactivateStaff, getStaff, grantRole, listAgencyStaff, reactivateStaff, revokeRole, unlockStaff, updateStaff } from './staff-admin.service';

const tags = ['identity-admin'];
const Id = z.object({ id: z.uuid() });
const staff = { access: 'staff' as const };

/** Staff administration, the password reset a staff member finishes, and the capabilities the screens ask for. */
export async function staffAdminRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Capabilities ---------------------------------------------------------------------------------
  r.get(
    '/admin/capabilities',
    { config: staff, schema: { tags, summary: 'What the caller may do in the administration area: register agencies, which agencies they administer', response: { 200: AdminCapabilities } } },
    (req) => adminCapabilities(req.actor),
  );
  r.get(
    '/agencies/:id/capabilities',
    { config: staff, schema: { tags, summary: 'What the caller may do with an agency they administer (404 otherwise)', params: Id, response: { 200: AgencyCapabilities } } },
    (req) => agencyCapabilities(ctx, req.actor, req.params.id),
  );
  r.get(
    '/staff/:id/capabilities',
    { config: staff, schema: { tags, summary: 'What the caller may do with a staff member they administer, or with themselves (404 otherwise)', params: Id, response: { 200: StaffCapabilities } } },
    (req) => staffCapabilities(ctx, req.actor, req.params.id),
  );
  r.get(
    '/delegations/:id/capabilities',
    { config: staff, schema: { tags, summary: 'What the caller may do with a delegation (404 when they may not see it)', params: Id, response: { 200: DelegationCapabilities } } },
    (req) => delegationCapabilities(ctx, req.actor, req.params.id),
  );
  r.get(
    '/api-tokens/:id/capabilities',
    { config: staff, schema: { tags, summary: "What the caller may do with an API token of an agency they administer (404 otherwise)", params: Id, response: { 200: ApiTokenCapabilities } } },
    (req) => apiTokenCapabilities(ctx, req.actor, req.params.id),
  );

  // Staff ----------------------------------------------------------------------------------------
  r.get(
    '/admin/agencies/:id/staff',
    {
      config: staff,
      schema: { tags, summary: "The agency's staff with their role grants, by name; q searches names and usernames", params: Id, querystring: StaffListQuery, response: { 200: StaffPage } },
    },
    (req) => listAgencyStaff(ctx, req.actor, req.params.id, req.query),
  );

  r.post(
    '/admin/agencies/:id/staff',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Create a staff account with a password sign-in and its roles, all or nothing',
        description: 'Every role grant is checked before anything is written; one the caller may not make refuses the whole creation.',
        params: Id,
        headers: IdempotencyHeaders,
        body: NewStaffInput,
        response: { 201: StaffDetails, 200: StaffDetails },
      },
    },
    async (req, reply) => sendReplayable(reply, await createStaff(ctx, req.actor, req.params.id, req.body, req.origin, claimFrom(req, `staff.create:${req.params.id}`, { ...req.body, password: null }))),
  );

  r.get('/admin/staff/:id', { config: staff, schema: { tags, summary: "A staff member's details and roles", params: Id, response: { 200: StaffDetails } } }, (req) =>
    getStaff(ctx, req.actor, req.params.id),
  );

  r.put(
    '/admin/staff/:id',
    { config: staff, schema: { tags, summary: "Replace a staff member's details at the version read (409 when stale); not the username or password", params: Id, body: StaffUpdate, response: { 200: StaffDetails } } },
    (req) => updateStaff(ctx, req.actor, req.params.id, req.body, req.origin),
  );

  r.post(
    '/admin/staff/:id/roles',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Grant a role in an agency (optionally one unit, optionally with its sub-agencies)',
        description: 'Agency administrators grant within the agencies they administer; platform_admin, central_reviewer and oversight_auditor need a platform administrator.',
        params: Id,
        body: RoleGrantInput,
        response: { 200: StaffDetails },
      },
    },
    (req) => grantRole(ctx, req.actor, req.params.id, req.body, req.origin),
  );

  r.delete(
    '/admin/staff/:id/roles',
    { config: staff, schema: { tags, summary: 'Revoke a role grant', params: Id, body: RoleGrantInput, response: { 200: StaffDetails } } },
    (req) => revokeRole(ctx, req.actor, req.params.id, req.body, req.origin),
  );

  r.post(
    '/admin/staff/:id/unlock',
    { config: staff, schema: { tags, summary: 'Clear the lockout after repeated failed sign-ins', params: Id, response: { 200: StaffDetails } } },
    (req) => unlockStaff(ctx, req.actor, req.params.id, req.origin),
  );

  r.post(
    '/admin/staff/:id/deactivate',
    { config: staff, schema: { tags, summary: 'Deactivate the account: its sessions end at once (never your own)', params: Id, response: { 200: StaffDetails } } },
    (req) => deactivateStaff(ctx, req.actor, req.params.id, req.origin),
  );

  r.post(
    '/admin/staff/:id/reactivate',
    { config: staff, schema: { tags, summary: 'Let a deactivated staff member sign in again', params: Id, response: { 200: StaffDetails } } },
    (req) => reactivateStaff(ctx, req.actor, req.params.id, req.origin),
  );

  r.post(
    '/admin/staff/:id/password-reset',
    {
      config: staff,
      schema: { tags, summary: 'Send the staff member a one-time code by SMS to set a new password (the caller never sees it)', params: Id, response: { 200: PasswordResetSent } },
    },
    (req) => requestPasswordReset(ctx, req.actor, req.params.id, req.origin),
  );

  // The staff member's side of a password reset: public, limited per address -------------------
  r.post(
    '/auth/staff/reset-password',
    {
      config: { access: 'public' },
      onRequest: limitPerAddress(ctx, 'rate:staff-password-reset', ctx.config.SIGN_IN_RATE_PER_MINUTE),
      schema: {
        tags: ['identity'],
        summary: 'Set a new password with the one-time code an administrator had sent; ends every session of the person',
        body: StaffPasswordReset,
        response: { 200: z.object({ reset: z.literal(true) }) },
      },
    },
    async (req) => {
      await resetStaffPassword(ctx, req.body.code, req.body.password, req.origin);
      return { reset: true as const };
    },
  );
}
