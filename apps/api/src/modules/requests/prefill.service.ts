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

/** GET /me/prefill?serviceId=: the known values for a published service's form, each with its source. */
export async function prefillFor(ctx: AppContext, actor: Actor, serviceId: string): Promise<RequestPrefill> {
  requireCitizen(actor);
  const db = ctx.database.db;
  const service = await findPublishedService(db, serviceId);
  if (!service?.publishedVersion) throw new ServicesError('SERVICE_NOT_FOUND', { serviceId });
  const properties = (service.formSchema.properties && typeof service.formSchema.properties === 'object' ? service.formSchema.properties : {}) as Record<string, unknown>;
  const [profile] = await citizensByIds(db, [actor.onBehalfOfId ?? actor.id]);
  const earlier = await repo.earlierForms(db, actor.id, actor.onBehalfOfId, service.id);
  const fields: RequestPrefill['fields'] = [];
  for (const [name, def] of Object.entries(properties)) {
    const key = profileKeyOf(name, def);
    const known = key && profile ? profile[key] : null;
    if (filled(known)) {
      fields.push({ field: name, value: known, source: 'profile' });
      continue;
    }
    const before = earlier.find((f) => filled(f[name]));
    if (before) fields.push({ field: name, value: before[name], source: 'earlier_request' });
  }
  return { fields };
}
