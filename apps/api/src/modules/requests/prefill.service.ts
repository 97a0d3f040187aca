import type { RequestPrefill } from '@dargah/contracts';
import type { Actor } from '../../platform/actor';
import { requireCitizen } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { citizensByIds } from '../identity';
import { ServicesError, findPublishedService } from '../services';
import * as repo from './uploads.repository';

/*
 * Once-only prefill (issue 11 item 2, the circulars' first criterion): what the desk already knows
 * of the person signed in (or the company they act for) fills the service's form — the profile's
 * name, national code or legal id, mobile, postal code and address, matched by the field's Iranian
 * format or its name — and the rest comes from their own earlier requests of the same service (the
 * newest with the field filled). Only the caller's own data: never another person's.
 */

type Profile = Record<'name' | 'nationalCode' | 'legalId' | 'mobile' | 'postalCode' | 'address', string | null>;

const BY_FORMAT: Record<string, keyof Profile> = {
  'ir-national-code': 'nationalCode',
  'ir-legal-id': 'legalId',
  'ir-mobile': 'mobile',
  'ir-postal-code': 'postalCode',
};
const BY_NAME: Record<string, keyof Profile> = {
  name: 'name',
  fullname: 'name',
  applicantname: 'name',
  nationalcode: 'nationalCode',
  legalid: 'legalId',
  mobile: 'mobile',
  mobilenumber: 'mobile',
  postalcode: 'postalCode',
  address: 'address',
};

/** The profile value a form field asks for, if any: by its format, else by its name (case, `_` and `-` ignored). */
export function profileKeyOf(name: string, def: unknown): keyof Profile | undefined {
  const d = (def && typeof def === 'object' ? def : {}) as { type?: unknown; format?: unknown };
  if (d.type !== undefined && d.type !== 'string') return undefined;
  if (typeof d.format === 'string' && BY_FORMAT[d.format]) return BY_FORMAT[d.format];
  return BY_NAME[name.toLowerCase().replace(/[_-]/g, '')];
}

const filled = (v: unknown) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');

/** A nested field's name: as the form definition allows a field's (so a path joined with dots reads back). */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** How deep groups are looked into (a group of a group of a group). */
const MAX_DEPTH = 4;

type Schema = { type?: unknown; properties?: unknown };
const propertiesOf = (def: unknown): Record<string, unknown> | undefined => {
  const d = (def && typeof def === 'object' ? def : {}) as Schema;
  return d.properties && typeof d.properties === 'object' && !Array.isArray(d.properties) ? (d.properties as Record<string, unknown>) : undefined;
};
const valueAt = (form: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined), form);

/**
 * The known values of a form's fields, groups included (an applicant's details inside an object
 * field): each leaf by the profile first, else by the newest earlier request that filled it. A
 * nested field is named by its path joined with dots; a repeating group is filled whole from an
 * earlier request only.
 */
function known(properties: Record<string, unknown>, prefix: readonly string[], profile: Profile | undefined, earlier: ReadonlyArray<Record<string, unknown>>): RequestPrefill['fields'] {
  const fields: RequestPrefill['fields'] = [];
  for (const [name, def] of Object.entries(properties)) {
    const path = [...prefix, name];
    const group = propertiesOf(def);
    if (group && (def as Schema).type === 'object') {
      if (path.length < MAX_DEPTH && Object.keys(group).every((n) => FIELD_NAME.test(n))) fields.push(...known(group, path, profile, earlier));
      continue;
    }
    const key = profileKeyOf(name, def);
    const fromProfile = key && profile ? profile[key] : null;
    if (filled(fromProfile)) {
      fields.push({ field: path.join('.'), value: fromProfile, source: 'profile' });
      continue;
    }
    const before = earlier.find((f) => filled(valueAt(f, path)));
    if (before) fields.push({ field: path.join('.'), value: valueAt(before, path), source: 'earlier_request' });
  }
  return fields;
}

/** GET /me/prefill?serviceId=: the known values for a published service's form, each with its source. */
export async function prefillFor(ctx: AppContext, actor: Actor, serviceId: string): Promise<RequestPrefill> {
  requireCitizen(actor);
  const db = ctx.database.db;
  const service = await findPublishedService(db, serviceId);
  if (!service?.publishedVersion) throw new ServicesError('SERVICE_NOT_FOUND', { serviceId });
  const [profile] = await citizensByIds(db, [actor.onBehalfOfId ?? actor.id]);
  const earlier = await repo.earlierForms(db, actor.id, actor.onBehalfOfId, service.id);
  return { fields: known(propertiesOf(service.formSchema) ?? {}, [], profile, earlier) };
}
