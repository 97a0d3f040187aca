import {
  type Agency,
  type AgencyInput,
  type AgencySystemIdentity,
  type AgencyUpdate,
  type ApiToken,
  type ApiTokenCreated,
  type ApiTokenInput,
  type Delegation,
  type DelegationInput,
  type OrgUnit,
  type OrgUnitInput,
  type OrgUnitUpdate,
  type PublicAgency,
} from '@dargah/contracts';
import type { Actor, RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { isoOf, isoOrNull, isUniqueViolation, withTransaction, type Db } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { DomainError } from '../../platform/http/errors';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import {
  adminScope,
  administers,
  agencyFieldsVerdict,
  createAgencyVerdict,
  delegateVerdict,
  endDelegationVerdict,
  enforce,
  scopeOf,
  seenAgencies,
  selves,
  type AdminScope,
} from './admin.policy';
import { apiTokenSecret, sha256 } from './auth.service';
import * as repo from './identity.repository';
import { apiClientMay, requireStaff } from './identity.policy';

/*
 * Administration of identity: agencies, their unit trees, staff and their roles, delegation and
 * API tokens. Every write is one transaction holding the change, its event and its audit entry.
 *
 * Who may: a platform administrator everything; an agency administrator the agencies they
 * administer (their grants were already expanded to sub-agencies when include_subagencies). An
 * object of an agency the actor does not administer answers 404, as if it did not exist.
 */

export async function administeredAgency(db: Db, s: AdminScope, agencyId: string): Promise<repo.AgencyRow> {
  const agency = await repo.findAgency(db, agencyId);
  if (!agency || !administers(s, agencyId)) throw new DomainError('AGENCY_NOT_FOUND', { agencyId });
  return agency;
}

export async function administeredStaff(db: Db, s: AdminScope, staffId: string): Promise<repo.StaffRow> {
  const staff = await repo.findStaff(db, staffId);
  if (!staff || !administers(s, staff.agencyId)) throw new DomainError('STAFF_NOT_FOUND', { staffId });
  return staff;
}

// Recording helpers ------------------------------------------------------------------------------
/** Field by field: what an update changed. */
export function changes<T extends object>(before: T, after: T, fields: ReadonlyArray<keyof T>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of fields) if (before[f] !== after[f]) out[String(f)] = { from: before[f], to: after[f] };
  return out;
}

/** Turns a unique violation into the domain's 409. */
export const uniqueAs = (constraint: string, code: string, details: Record<string, unknown>) => (err: unknown) => {
  if (isUniqueViolation(err, constraint)) throw new DomainError(code, details);
  throw err;
};

export const blank = (s: string | undefined) => (s ? s : null);

// Agencies ---------------------------------------------------------------------------------------
/** Active agencies, for the public portal. */
export async function listPublicAgencies(ctx: AppContext): Promise<PublicAgency[]> {
  return (await repo.listAgencies(ctx.database.db)).map((a) => ({ id: a.id, nameFa: a.nameFa, nameEn: a.nameEn, kind: a.kind, parentId: a.parentId, province: a.province }));
}

export async function listAdminAgencies(ctx: AppContext, actor: Actor): Promise<Agency[]> {
  return repo.listAgenciesIn(ctx.database.db, seenAgencies(adminScope(actor)));
}

const AGENCY_FIELDS = ['legalId', 'nameFa', 'nameEn', 'kind', 'parentId', 'province', 'county'] as const;
const agencyValues = (a: AgencyInput): Omit<repo.AgencyRow, 'id' | 'version'> => ({
  legalId: a.legalId,
  nameFa: a.nameFa,
  nameEn: blank(a.nameEn),
  kind: a.kind,
  parentId: a.parentId ?? null,
  province: blank(a.province),
  county: blank(a.county),
});

/** Platform administrators only. */
export async function createAgency(ctx: AppContext, actor: Actor, input: AgencyInput, origin: RequestOrigin, claim?: IdempotencyClaim): Promise<Replayable<Agency, 201>> {
  const s = adminScope(actor);
  enforce(createAgencyVerdict(s));
  const at = ctx.clock.now();
  const values = agencyValues(input);
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, at, async () => {
      if (values.parentId && !(await repo.findAgency(tx.db, values.parentId))) throw new DomainError('AGENCY_PARENT_NOT_FOUND', { parentId: values.parentId });
      const row = await repo.insertAgency(tx.db, values, at);
      await recordChange(tx, { actor, origin, at }, { stream: 'agency', id: row.id, event: 'created', audit: 'agency.create', agencyId: row.id, details: { ...values } });
      return { status: 201 as const, body: row };
    }),
  ).catch(uniqueAs('agencies_legal_id_key', 'LEGAL_ID_TAKEN', { legalId: values.legalId }));
}

/**
 * Replaces an agency at the version the client read. A platform administrator may move it (not
 * under itself or a sub-agency of its own); an agency administrator may edit its names and place
 * but not its legal id or parent.
 */
export async function updateAgency(ctx: AppContext, actor: Actor, agencyId: string, input: AgencyUpdate, origin: RequestOrigin): Promise<Agency> {
  const s = adminScope(actor);
  const at = ctx.clock.now();
  const values = agencyValues(input);
  return withTransaction(ctx.database, async (tx) => {
    const current = await administeredAgency(tx.db, s, agencyId);
    if (current.version !== input.version) throw new DomainError('CONFLICT', { currentVersion: current.version });
    enforce(agencyFieldsVerdict(s, (['legalId', 'parentId'] as const).filter((f) => values[f] !== current[f])));
    if (values.parentId !== null && values.parentId !== current.parentId) {
      await repo.lockAgencyTree(tx.db);
      if (!(await repo.findAgency(tx.db, values.parentId))) throw new DomainError('AGENCY_PARENT_NOT_FOUND', { parentId: values.parentId });
      if ((await repo.descendantAgencyIds(tx.db, [agencyId])).includes(values.parentId)) throw new DomainError('AGENCY_CYCLE', { agencyId, parentId: values.parentId });
    }
    const row = await repo.updateAgency(tx.db, agencyId, input.version, values, at);
    if (!row) throw new DomainError('CONFLICT', { currentVersion: (await repo.findAgency(tx.db, agencyId))?.version });
    const changed = changes(current, row, AGENCY_FIELDS);
    await recordChange(tx, { actor, origin, at }, { stream: 'agency', id: agencyId, event: 'updated', audit: 'agency.update', agencyId, details: { version: row.version, changes: changed } });
    return row;
  }).catch(uniqueAs('agencies_legal_id_key', 'LEGAL_ID_TAKEN', { legalId: values.legalId }));
}

// Organisational units ---------------------------------------------------------------------------
/** The agency's unit tree as a flat list; each unit names its parent. */
export async function listAgencyUnits(ctx: AppContext, actor: Actor, agencyId: string): Promise<OrgUnit[]> {
  const s = adminScope(actor);
  await administeredAgency(ctx.database.db, s, agencyId);
  return repo.listUnits(ctx.database.db, agencyId);
}

const UNIT_FIELDS = ['parentId', 'nameFa', 'nameEn', 'kind', 'code'] as const;
const unitValues = (u: OrgUnitInput) => ({ parentId: u.parentId ?? null, nameFa: u.nameFa, nameEn: blank(u.nameEn), kind: u.kind, code: blank(u.code) });

export async function requireUnitOf(db: Db, agencyId: string, unitId: string): Promise<void> {
  const unit = await repo.findUnit(db, unitId);
  if (!unit || unit.agencyId !== agencyId) throw new DomainError('UNIT_NOT_IN_AGENCY', { unitId, agencyId });
}

export async function createUnit(ctx: AppContext, actor: Actor, agencyId: string, input: OrgUnitInput, origin: RequestOrigin, claim?: IdempotencyClaim): Promise<Replayable<OrgUnit, 201>> {
  const s = adminScope(actor);
  const at = ctx.clock.now();
  const values = unitValues(input);
  return withTransaction(ctx.database, async (tx) => {
    await administeredAgency(tx.db, s, agencyId);
    return once(tx, claim, at, async () => {
      if (values.parentId) await requireUnitOf(tx.db, agencyId, values.parentId);
      const row = await repo.insertUnit(tx.db, { agencyId, ...values }, at);
      await recordChange(tx, { actor, origin, at }, { stream: 'org_unit', id: row.id, event: 'created', audit: 'org_unit.create', agencyId, details: { ...values } });
      return { status: 201 as const, body: row };
    });
  }).catch(uniqueAs('org_units_agency_id_code_key', 'UNIT_CODE_TAKEN', { code: values.code }));
}

/** Replaces a unit at the version the client read; it stays in its agency, and its tree stays a tree. */
export async function updateUnit(ctx: AppContext, actor: Actor, unitId: string, input: OrgUnitUpdate, origin: RequestOrigin): Promise<OrgUnit> {
  const s = adminScope(actor);
  const at = ctx.clock.now();
  const values = unitValues(input);
  return withTransaction(ctx.database, async (tx) => {
    const current = await repo.findUnit(tx.db, unitId);
    if (!current || !administers(s, current.agencyId)) throw new DomainError('UNIT_NOT_FOUND', { unitId });
    if (current.version !== input.version) throw new DomainError('CONFLICT', { currentVersion: current.version });
    if (values.parentId !== null && values.parentId !== current.parentId) {
      await repo.lockUnitTree(tx.db, current.agencyId);
      await requireUnitOf(tx.db, current.agencyId, values.parentId);
      if ((await repo.descendantUnitIds(tx.db, unitId)).includes(values.parentId)) throw new DomainError('UNIT_CYCLE', { unitId, parentId: values.parentId });
    }
    const row = await repo.updateUnit(tx.db, unitId, input.version, values, at);
    if (!row) throw new DomainError('CONFLICT', { currentVersion: (await repo.findUnit(tx.db, unitId))?.version });
    await recordChange(tx, { actor, origin, at }, {
      stream: 'org_unit',
      id: unitId,
      event: 'updated',
      audit: 'org_unit.update',
      agencyId: current.agencyId,
      details: { version: row.version, changes: changes(current, row, UNIT_FIELDS) },
    });
    return row;
  }).catch(uniqueAs('org_units_agency_id_code_key', 'UNIT_CODE_TAKEN', { code: values.code }));
}

// Delegation (جانشین) ----------------------------------------------------------------------------
function delegationView(d: repo.DelegationRow, now: Date): Delegation {
  const startsAt = new Date(d.startsAt);
  const endsAt = new Date(d.endsAt);
  const status = d.revokedAt ? 'revoked' : now < startsAt ? 'scheduled' : now < endsAt ? 'active' : 'ended';
  return {
    id: d.id,
    principalId: d.principalId,
    principalName: d.principalName,
    delegateId: d.delegateId,
    delegateName: d.delegateName,
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    reason: d.reason,
    revokedAt: isoOrNull(d.revokedAt),
    status,
  };
}

/** Delegations of the agencies the actor administers, and those naming the actor. */
export async function listDelegations(ctx: AppContext, actor: Actor, staffId?: string): Promise<Delegation[]> {
  requireStaff(actor);
  const s = scopeOf(actor);
  const now = ctx.clock.now();
  return (await repo.listDelegationsVisible(ctx.database.db, seenAgencies(s), selves(actor), staffId)).map((d) => delegationView(d, now));
}

/**
 * Any staff member may hand their own work to a colleague of their agency for a time; an agency
 * administrator may set up any delegation within their agencies. A delegate may not pass the
 * principal's work on.
 */
export async function createDelegation(ctx: AppContext, actor: Actor, input: DelegationInput, origin: RequestOrigin, claim?: IdempotencyClaim): Promise<Replayable<Delegation, 201>> {
  requireStaff(actor);
  const s = scopeOf(actor);
  const at = ctx.clock.now();
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (!(endsAt > startsAt) || !(endsAt > at)) throw new DomainError('DELEGATION_WINDOW_INVALID', { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() });
  if (actor.onBehalfOfId !== null && input.principalId === actor.onBehalfOfId) throw new DomainError('REDELEGATION_FORBIDDEN');
  return withTransaction(ctx.database, async (tx) => {
    const principal = await repo.findStaff(tx.db, input.principalId);
    enforce(delegateVerdict(actor, s, input.principalId, principal));
    if (!principal) throw new DomainError('STAFF_NOT_FOUND', { staffId: input.principalId });
    const delegate = await repo.findStaff(tx.db, input.delegateId);
    if (!delegate?.active || delegate.agencyId !== principal.agencyId || delegate.id === principal.id) {
      throw new DomainError('DELEGATE_NOT_ELIGIBLE', { delegateId: input.delegateId });
    }
    return once(tx, claim, at, async () => {
      const id = await repo.insertDelegation(tx.db, { principalId: principal.id, delegateId: delegate.id, startsAt, endsAt, reason: input.reason, createdBy: actor.id }, at);
      await recordChange(tx, { actor, origin, at }, {
        stream: 'delegation',
        id,
        event: 'created',
        audit: 'delegation.create',
        agencyId: principal.agencyId,
        details: { principalId: principal.id, delegateId: delegate.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), reason: input.reason },
      });
      return { status: 201 as const, body: delegationView((await repo.findDelegation(tx.db, id))!, at) };
    });
  });
}

/** Ends a delegation now: its principal, its delegate or an administrator of the principal's agency. Revoking twice is harmless. */
export async function revokeDelegation(ctx: AppContext, actor: Actor, delegationId: string, origin: RequestOrigin): Promise<Delegation> {
  requireStaff(actor);
  const s = scopeOf(actor);
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const d = await repo.findDelegation(tx.db, delegationId);
    enforce(endDelegationVerdict(actor, s, d, delegationId));
    if (!d) throw new DomainError('DELEGATION_NOT_FOUND', { delegationId });
    if (d.revokedAt) return delegationView(d, at);
    await repo.revokeDelegation(tx.db, delegationId, at);
    await recordChange(tx, { actor, origin, at }, {
      stream: 'delegation',
      id: delegationId,
      event: 'revoked',
      audit: 'delegation.revoke',
      agencyId: d.principalAgencyId,
      details: { principalId: d.principalId, delegateId: d.delegateId },
    });
    return delegationView({ ...d, revokedAt: at }, at);
  });
}

// API tokens for other agencies' systems ---------------------------------------------------------
const tokenView = (t: repo.ApiTokenRow): ApiToken => ({
  id: t.id,
  agencyId: t.agencyId,
  name: t.name,
  prefix: t.prefix,
  scopes: t.scopes,
  createdAt: isoOf(t.createdAt),
  lastUsedAt: isoOrNull(t.lastUsedAt),
  revokedAt: isoOrNull(t.revokedAt),
});

export async function listApiTokens(ctx: AppContext, actor: Actor, agencyId?: string): Promise<ApiToken[]> {
  const s = adminScope(actor);
  const db = ctx.database.db;
  if (agencyId) await administeredAgency(db, s, agencyId);
  return (await repo.listApiTokensIn(db, agencyId ? [agencyId] : seenAgencies(s))).map(tokenView);
}

/**
 * A token for one agency's system with a list of scopes. The secret is returned once: only its
 * SHA-256 and its first characters (to recognise it in a list) are stored. Never replayed from an
 * idempotency record, which would have to store the secret.
 */
export async function createApiToken(ctx: AppContext, actor: Actor, input: ApiTokenInput, origin: RequestOrigin): Promise<ApiTokenCreated> {
  const s = adminScope(actor);
  const at = ctx.clock.now();
  const secret = apiTokenSecret();
  const scopes = [...new Set(input.scopes)].sort();
  return withTransaction(ctx.database, async (tx) => {
    await administeredAgency(tx.db, s, input.agencyId);
    const row = await repo.insertApiToken(tx.db, { agencyId: input.agencyId, name: input.name, tokenHash: sha256(secret), prefix: secret.slice(0, 12), scopes, createdBy: actor.id }, at);
    await recordChange(tx, { actor, origin, at }, { stream: 'api_token', id: row.id, event: 'created', audit: 'api_token.create', agencyId: row.agencyId, details: { name: row.name, prefix: row.prefix, scopes } });
    return { ...tokenView(row), secret };
  });
}

/** From now on the token is refused (401). Revoking twice is harmless. */
export async function revokeApiToken(ctx: AppContext, actor: Actor, tokenId: string, origin: RequestOrigin): Promise<ApiToken> {
  const s = adminScope(actor);
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const t = await repo.findApiToken(tx.db, tokenId);
    if (!t || !administers(s, t.agencyId)) throw new DomainError('API_TOKEN_NOT_FOUND', { tokenId });
    if (t.revokedAt) return tokenView(t);
    await repo.revokeApiToken(tx.db, tokenId, at);
    await recordChange(tx, { actor, origin, at }, { stream: 'api_token', id: tokenId, event: 'revoked', audit: 'api_token.revoke', agencyId: t.agencyId, details: { name: t.name, prefix: t.prefix } });
    return tokenView({ ...t, revokedAt: at });
  });
}

// For agencies' systems (API tokens) -------------------------------------------------------------
/** The calling system's own token; needs the catalogue:read scope (a refusal is audited). */
export async function agencySystemIdentity(ctx: AppContext, actor: Actor): Promise<AgencySystemIdentity> {
  if (actor.type !== 'api_client' || !apiClientMay(actor, 'catalogue:read')) throw new DomainError('FORBIDDEN', { need: 'catalogue:read' });
  const agency = await repo.findAgency(ctx.database.db, actor.agencyId);
  return { tokenId: actor.id, agencyId: actor.agencyId, agencyName: agency?.nameFa ?? '', scopes: actor.scopes };
}

/** The unit tree of the calling system's own agency (catalogue:read); another agency's is refused and audited. */
export async function agencySystemUnits(ctx: AppContext, actor: Actor, agencyId: string): Promise<OrgUnit[]> {
  if (!apiClientMay(actor, 'catalogue:read', agencyId)) throw new DomainError('FORBIDDEN', { need: 'catalogue:read', agencyId });
  return repo.listUnits(ctx.database.db, agencyId);
}
