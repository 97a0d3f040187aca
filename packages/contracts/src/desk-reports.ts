import { z } from 'zod';

/*
 * Desk reports (issue 11 item 11): requests accepted, answered, pending and overdue, and the time
 * from acceptance to answer in working and calendar days, for one Jalali year grouped by month,
 * quarter, year, service, office, or headquarters against operational units.
 */

export const DESK_REPORT_GROUPS = ['month', 'quarter', 'year', 'service', 'office', 'officeKind'] as const;
export const DeskReportGroup = z.enum(DESK_REPORT_GROUPS);
export type DeskReportGroup = z.infer<typeof DeskReportGroup>;

/** An office's kind: headquarters (ستاد), operational unit (صف), or not yet served by a unit. */
export const DeskOfficeKind = z.enum(['headquarters', 'operational', 'unassigned']);
export type DeskOfficeKind = z.infer<typeof DeskOfficeKind>;

/** Mean, median and 90th percentile of a duration in days; null when nothing was answered. */
export const DeskDurationStats = z.object({
  mean: z.number().nullable(),
  p50: z.number().nullable(),
  p90: z.number().nullable(),
});
export type DeskDurationStats = z.infer<typeof DeskDurationStats>;

export const DeskReportFigures = z.object({
  /** Requests submitted (accepted) in the period. */
  accepted: z.number().int(),
  /** Requests answered (approved or rejected) in the period. */
  answered: z.number().int(),
  /** Of those answered, answered after their answer date. */
  answeredLate: z.number().int(),
  /** Of those accepted in the period, still waiting for an answer now. */
  pending: z.number().int(),
  /** Of those pending, past their answer date now. */
  overdue: z.number().int(),
  /** Time from acceptance to answer of the requests answered in the period, in working days. */
  workingDays: DeskDurationStats,
  /** The same in calendar days. */
  calendarDays: DeskDurationStats,
});
export type DeskReportFigures = z.infer<typeof DeskReportFigures>;

export const DeskReportRow = DeskReportFigures.extend({
  /**
   * The group: `1404-01` (month), `1404-Q1` (quarter), `1404` (year), a service id, a unit id (or
   * `unassigned`), or the office kind.
   */
  key: z.string(),
  /** The label in the caller's language: service title, office name, or null for periods and kinds (the client names them). */
  label: z.string().nullable(),
  /** Month 1–12 or quarter 1–4 for period groups. */
  period: z.number().int().nullable(),
  /** The office's kind, for office and officeKind groups. */
  officeKind: DeskOfficeKind.nullable(),
});
export type DeskReportRow = z.infer<typeof DeskReportRow>;

export const DeskReport = z.object({
  year: z.number().int(),
  groupBy: DeskReportGroup,
  /** The agencies reported on (the filter within what the viewer may see); null: every agency. */
  agencyIds: z.array(z.uuid()).nullable(),
  /** The period as instants: the Jalali year's first moment and the next year's, Tehran time. */
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  rows: z.array(DeskReportRow),
  total: DeskReportFigures,
});
export type DeskReport = z.infer<typeof DeskReport>;

/** The agencies and offices a viewer may filter desk reports by. */
export const DeskReportOptions = z.object({
  agencies: z.array(z.object({ id: z.uuid(), name: z.string() })),
  offices: z.array(z.object({ id: z.uuid(), agencyId: z.uuid(), name: z.string(), kind: z.enum(['headquarters', 'operational']) })),
  services: z.array(z.object({ id: z.uuid(), agencyId: z.uuid(), title: z.string() })),
  /** The years that may be asked, oldest first. */
  years: z.object({ first: z.number().int(), last: z.number().int() }),
});
export type DeskReportOptions = z.infer<typeof DeskReportOptions>;
