import { jalaliDaysBetween, toJalali, type WorkingCalendar } from '@dargah/persian';

/**
 * How long a request waited for its answer, counted once when it is decided and stored (the desk
 * reports only aggregate): calendar days between the Tehran days of submission and answer, and
 * the working days d with submission day < d <= answer day on the calendar its due date was
 * counted on, so an answer within the norm has workingDays <= the norm. Same day: 0 and 0.
 */
export function answerDuration(calendar: WorkingCalendar, submittedAt: Date, decidedAt: Date): { workingDays: number; calendarDays: number } {
  const from = toJalali(submittedAt);
  const to = toJalali(decidedAt);
  return { workingDays: Math.max(0, calendar.workingDaysBetween(from, to)), calendarDays: Math.max(0, jalaliDaysBetween(from, to)) };
}
