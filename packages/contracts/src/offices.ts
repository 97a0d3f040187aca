import { normalizeDisplay, toAsciiDigits } from '@dargah/persian';
import { z } from 'zod';
import { RowVersion } from './bounds';

/*
 * The directory of service offices (issue 11 item 9): counter offices (دفاتر پیشخوان دولت) and
 * post offices, where people apply for services in person, and the desk services each one has
 * been delegated by the agency that owns the service.
 */

const text = (min: number, max: number) => z.string().transform(normalizeDisplay).pipe(z.string().min(min).max(max));

export const OfficeKind = z.enum(['counter', 'post']);
export type OfficeKind = z.infer<typeof OfficeKind>;

/** An office's number in its network (the counter licence number, the post office code): 4–12 digits, Persian digits accepted. */
export const OfficeCode = z
  .string()
  .transform((s) => toAsciiDigits(s).replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[0-9]{4,12}$/, 'OFFICE_CODE_INVALID'));

export const OfficeInput = z
  .object({
    kind: OfficeKind,
    code: OfficeCode,
    name: text(2, 200),
    province: text(2, 100),
    county: text(0, 100).default(''),
    address: text(5, 500),
    phone: z
      .string()
      .transform((s) => toAsciiDigits(s).replace(/[\s-]/g, ''))
      .pipe(z.string().regex(/^0[0-9]{9,10}$/, 'PHONE_INVALID'))
      .optional(),
  })
  .strict();
export type OfficeInput = z.input<typeof OfficeInput>;

export const OfficeUpdate = OfficeInput.omit({ kind: true, code: true }).extend({ active: z.boolean(), version: RowVersion }).strict();

export const OfficeService = z.object({ serviceId: z.uuid(), title: z.string(), agencyId: z.uuid(), agencyName: z.string(), since: z.iso.datetime() });
export type OfficeService = z.infer<typeof OfficeService>;

export const Office = z.object({
  id: z.uuid(),
  kind: OfficeKind,
  code: z.string(),
  name: z.string(),
  province: z.string(),
  county: z.string(),
  address: z.string(),
  phone: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  services: z.array(OfficeService),
});
export type Office = z.infer<typeof Office>;

export const OfficePage = z.object({ items: z.array(Office), total: z.number().int(), nextOffset: z.number().int().nullable() });
export type OfficePage = z.infer<typeof OfficePage>;
