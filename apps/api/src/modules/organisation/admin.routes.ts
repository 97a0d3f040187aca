import {
  Agency,
  AgencyInput,
  AgencySystemIdentity,
  AgencyUpdate,
  ApiToken,
  ApiTokenCreated,
  ApiTokenInput,
  Delegation,
  DelegationInput,
  OrgUnit,
  OrgUnitInput,
  OrgUnitUpdate,
  PublicAgency,
} from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { claimFrom, IdempotencyHeaders, sendReplayable } from '../../platform/idempotency';
import {
  agencySystemIdentity,
  agencySystemUnits,
  createAgency,
  createApiToken,
  createDelegation,
  createUnit,
  listAdminAgencies,
  listAgencyUnits,
  listApiTokens,
  listDelegations,
  listPublicAgencies,
  revokeApiToken,
  revokeDelegation,
  updateAgency,
  updateUnit,
} from './admin.service';

const tags = ['identity-admin'];
const Id = z.object({ id: z.uuid() });
const staff = { access: 'staff' as const };
const system = { access: 'agency_system' as const };

/** Administration of agencies, units, staff, roles, delegation and API tokens; the public agency list; the API-token probe. */
export async function adminRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Agencies -------------------------------------------------------------------------------------
  r.get('/agencies', { config: { access: 'public' }, schema: { tags, summary: 'Active agencies, for the public portal', response: { 200: z.array(PublicAgency) } } }, () =>
    listPublicAgencies(ctx),
  );

  r.get(
    '/admin/agencies',
    { config: staff, schema: { tags, summary: 'Agencies the caller administers (all, for a platform administrator)', response: { 200: z.array(Agency) } } },
    (req) => listAdminAgencies(ctx, req.actor),
  );

  r.post(
    '/admin/agencies',
    {
      config: staff,
      schema: { tags, summary: 'Register an agency (platform administrators)', headers: IdempotencyHeaders, body: AgencyInput, response: { 201: Agency, 200: Agency } },
    },
    async (req, reply) => sendReplayable(reply, await createAgency(ctx, req.actor, req.body, req.origin, claimFrom(req, 'agency.create'))),
  );

  r.put(
    '/admin/agencies/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Replace an agency at the version read (409 when stale); only a platform administrator changes its legal id or parent',
        params: Id,
        body: AgencyUpdate,
        response: { 200: Agency },
      },
    },
    (req) => updateAgency(ctx, req.actor, req.params.id, req.body, req.origin),
  );

  // Organisational units -------------------------------------------------------------------------
  r.get(
    '/admin/agencies/:id/units',
    { config: staff, schema: { tags, summary: "The agency's unit tree as a flat list (each unit names its parent)", params: Id, response: { 200: z.array(OrgUnit) } } },
    (req) => listAgencyUnits(ctx, req.actor, req.params.id),
  );

  r.post(
    '/admin/agencies/:id/units',
    {
      config: staff,
      schema: { tags, summary: 'Add a headquarters (ستاد) or operational (صف) unit to an agency', params: Id, headers: IdempotencyHeaders, body: OrgUnitInput, response: { 201: OrgUnit, 200: OrgUnit } },
    },
    async (req, reply) => sendReplayable(reply, await createUnit(ctx, req.actor, req.params.id, req.body, req.origin, claimFrom(req, `org_unit.create:${req.params.id}`))),
  );

  r.put(
    '/admin/units/:id',
    { config: staff, schema: { tags, summary: 'Replace a unit at the version read (409 when stale); its parent stays in the agency, without cycles', params: Id, body: OrgUnitUpdate, response: { 200: OrgUnit } } },
    (req) => updateUnit(ctx, req.actor, req.params.id, req.body, req.origin),
  );

  // Delegation -----------------------------------------------------------------------------------
  r.get(
    '/admin/delegations',
    {
      config: staff,
      schema: {
        tags,
        summary: "Delegations (جانشینی) of the agencies the caller administers, and the caller's own (only those naming staffId, when given)",
        querystring: z.object({ staffId: z.uuid().optional() }),
        response: { 200: z.array(Delegation) },
      },
    },
    (req) => listDelegations(ctx, req.actor, req.query.staffId),
  );

  r.post(
    '/admin/delegations',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Let a delegate act for a principal within a time window',
        description: "Any staff member may delegate their own work; an agency administrator any within the agency. What the delegate does is recorded as 'delegate on behalf of principal'.",
        headers: IdempotencyHeaders,
        body: DelegationInput,
        response: { 201: Delegation, 200: Delegation },
      },
    },
    async (req, reply) => sendReplayable(reply, await createDelegation(ctx, req.actor, req.body, req.origin, claimFrom(req, 'delegation.create'))),
  );

  r.post(
    '/admin/delegations/:id/revoke',
    { config: staff, schema: { tags, summary: 'End a delegation now', params: Id, response: { 200: Delegation } } },
    (req) => revokeDelegation(ctx, req.actor, req.params.id, req.origin),
  );

  // API tokens -----------------------------------------------------------------------------------
  r.get(
    '/admin/api-tokens',
    {
      config: staff,
      schema: { tags, summary: 'API tokens of the agencies the caller administers (never their secrets)', querystring: z.object({ agencyId: z.uuid().optional() }), response: { 200: z.array(ApiToken) } },
    },
    (req) => listApiTokens(ctx, req.actor, req.query.agencyId),
  );

  r.post(
    '/admin/api-tokens',
    {
      config: staff,
      schema: { tags, summary: "Issue a token for an agency's system; the secret is shown only in this answer", body: ApiTokenInput, response: { 201: ApiTokenCreated } },
    },
    async (req, reply) => reply.status(201).header('cache-control', 'no-store').send(await createApiToken(ctx, req.actor, req.body, req.origin)),
  );

  r.post(
    '/admin/api-tokens/:id/revoke',
    { config: staff, schema: { tags, summary: 'Revoke an API token: from now on it is refused', params: Id, response: { 200: ApiToken } } },
    (req) => revokeApiToken(ctx, req.actor, req.params.id, req.origin),
  );

  // For agencies' systems ------------------------------------------------------------------------
  r.get(
    '/agency-systems/whoami',
    { config: system, schema: { tags, summary: "The calling system's token, agency and scopes (needs catalogue:read)", response: { 200: AgencySystemIdentity } } },
    (req) => agencySystemIdentity(ctx, req.actor),
  );

  r.get(
    '/agency-systems/agencies/:id/units',
    {
      config: system,
      schema: { tags, summary: "The unit tree of the calling system's own agency (needs catalogue:read)", params: Id, response: { 200: z.array(OrgUnit) } },
    },
    (req) => agencySystemUnits(ctx, req.actor, req.params.id),
  );
}
