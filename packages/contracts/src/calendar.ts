import { z } from 'zod';
import { INT4_MAX } from './bounds';
import { JalaliDateInput } from './catalogue';

/*
 * The working-day calendar (issue 11 §3): each Jalali year's official holiday table, published by
 * the central organisation (edited on a screen or imported from CSV), and local closures an agency
 * or a province adds. The API turns them into each agency's working days (the answer dates).
 */

export const HOLIDAY_KINDS = ['solar', 'lunar', 'other'] as const;
export const HolidayKind = z.enum(HOLIDAY_KINDS);
export type HolidayKind = z.infer<typeof HolidayKind>;

/** Jalali years a table may be published for. */
export const HOLIDAY_YEAR_MIN = 1390;
export const HOLIDAY_YEAR_MAX = 1499;
export const HolidayYear = z.coerce.number().int().min(HOLIDAY_YEAR_MIN).max(HOLIDAY_YEAR_MAX);
/** Most holidays one year's table may hold (the official calendar has about 25). */
export const HOLIDAY_TABLE_MAX = 100;
/** Longest holiday or closure title. */
export const HOLIDAY_TITLE_MAX = 200;

// A title: empty is refused by the service with its own code (HOLIDAY_TITLE_REQUIRED), at its field.
const title = z.string().max(HOLIDAY_TITLE_MAX);

/** One holiday of a year's table as sent: the Jalali date (Persian digits accepted), titles, kind. */
export const HolidayInput = z
  .object({ date: JalaliDateInput, titleFa: title, titleEn: title.nullish(), kind: HolidayKind })
  .strict();
export type HolidayInput = z.infer<typeof HolidayInput>;

/** A year's table replaced whole, at the version read (0 when the year has none yet; 409 when stale). */
export const HolidayTableInput = z
  .object({
    version: z.number().int().min(0).max(INT4_MAX),
    holidays: z.array(HolidayInput).max(HOLIDAY_TABLE_MAX),
  })
  .strict();
export type HolidayTableInput = z.infer<typeof HolidayTableInput>;

export const Holiday = z.object({
  /** Jalali YYYY/MM/DD. */
  date: z.string(),
  titleFa: z.string(),
  titleEn: z.string().nullable(),
  kind: HolidayKind,
});
export type Holiday = z.infer<typeof Holiday>;

/** A year's table: `published` false (version 0, no rows) until the central organisation publishes it. */
export const HolidayTable = z.object({
  year: z.number().int(),
  published: z.boolean(),
  version: z.number().int(),
  publishedAt: z.iso.datetime().nullable(),
  holidays: z.array(Holiday),
});
export type HolidayTable = z.infer<typeof HolidayTable>;

/** The table import's query: the version read (as for a replace) and whether only to check. */
export const HolidayImportQuery = z.object({
  version: z.coerce.number().int().min(0).max(INT4_MAX),
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** A local closure as sent: for one agency (its administrators) or one province (central roles). */
export const ClosureInput = z
  .object({
    date: JalaliDateInput,
    titleFa: title,
    titleEn: title.nullish(),
    agencyId: z.uuid().optional(),
    province: z.string().max(100).optional(),
  })
  .strict()
  .refine((c) => (c.agencyId === undefined) !== (c.province === undefined), {
    message: 'CLOSURE_SCOPE_REQUIRED',
    params: { code: 'CLOSURE_SCOPE_REQUIRED' },
    path: ['agencyId'],
  });
export type ClosureInput = z.infer<typeof ClosureInput>;

export const Closure = z.object({
  id: z.uuid(),
  date: z.string(),
  titleFa: z.string(),
  titleEn: z.string().nullable(),
  agencyId: z.uuid().nullable(),
  province: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type Closure = z.infer<typeof Closure>;

export const ClosureQuery = z.object({
  year: HolidayYear,
  agencyId: z.uuid().optional(),
  province: z.string().max(100).optional(),
});

/** What the caller may change in the calendar (the screen offers only these). */
export const CalendarCapabilities = z.object({
  /** Publish, edit or import a year's table (the central organisation). */
  publishTable: z.boolean(),
  /** Add or remove closures of a province (central roles). */
  provinceClosures: z.boolean(),
  /** The agencies whose closures the caller may add or remove (their administrators). */
  closureAgencies: z.array(z.object({ id: z.uuid(), nameFa: z.string(), nameEn: z.string().nullable(), province: z.string().nullable() })),
});
export type CalendarCapabilities = z.infer<typeof CalendarCapabilities>;
