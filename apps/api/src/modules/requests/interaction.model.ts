import { jalaliDateString, jalaliDayRange, jalaliDaysBetween, toJalali, type WorkingCalendar } from '@dargah/persian';

/*
 * The answer date across a correction (pure): while the request waits for the applicant the SLA
 * clock stands still, so the reply moves the answer date later by the working days paused.
 */

/** The Jalali day (yyyy/mm/dd) a dueAt instant closes (dueAt is exclusive). */
const closingDay = (dueAt: Date) => toJalali(new Date(dueAt.getTime() - 1));

/**
 * Working days paused between the correction asked and the reply (the days d with the asking day
 * < d <= the reply day, on the agency's calendar: the count the answer date is made of), and the
 * answer date moved later by as many working days. Asked and answered the same day: nothing moves.
 * pausedCalendarDays: the Tehran calendar days between the two days, counted as answerDuration
 * counts them, so the desk reports can subtract both from the answer's duration.
 */
export function pausedDue(calendar: WorkingCalendar, askedAt: Date, repliedAt: Date, dueAt: Date): { pausedWorkingDays: number; pausedCalendarDays: number; dueAt: Date } {
  const from = toJalali(askedAt);
  const to = toJalali(repliedAt);
  const paused = Math.max(0, calendar.workingDaysBetween(from, to));
  const pausedCalendarDays = Math.max(0, jalaliDaysBetween(from, to));
  if (paused === 0) return { pausedWorkingDays: 0, pausedCalendarDays, dueAt };
  return { pausedWorkingDays: paused, pausedCalendarDays, dueAt: jalaliDayRange(calendar.addWorkingDays(closingDay(dueAt), paused)).end };
}

/** The payload of a reply's event: the answer date before and after. */
export const dueChangePayload = (from: Date, to: Date, pausedWorkingDays: number) => ({ dueFrom: from.toISOString(), dueTo: to.toISOString(), pausedWorkingDays });

/** A history step's move of the answer date, from its event's payload (null for any other step). */
export function dueChangeOf(payload: Record<string, unknown>) {
  const { dueFrom, dueTo, pausedWorkingDays } = payload;
  if (typeof dueFrom !== 'string' || typeof dueTo !== 'string' || typeof pausedWorkingDays !== 'number') return null;
  return {
    from: dueFrom,
    to: dueTo,
    fromJalali: jalaliDateString(closingDay(new Date(dueFrom))),
    toJalali: jalaliDateString(closingDay(new Date(dueTo))),
    pausedWorkingDays,
  };
}

/** The form schema's fields: name and title (the name when untitled). */
export function formFields(schema: Record<string, unknown>): Map<string, string> {
  const props = schema.properties;
  const out = new Map<string, string>();
  if (props && typeof props === 'object') {
    for (const [name, p] of Object.entries(props as Record<string, unknown>)) {
      const title = p && typeof p === 'object' && typeof (p as { title?: unknown }).title === 'string' ? (p as { title: string }).title : name;
      out.set(name, title);
    }
  }
  return out;
}
