import { jalaliDaysBetween, toJalali, type WorkingCalendar } from '@dargah/persian';

/**
 * How long a request waited for its answer, counted once when it is decided and stored (the desk
 * reports only aggregate): calendar days between the Tehran days of submission and answer, and
 * the working days d with submission day < d <= answer day on the calendar its due date was
 * counted on, so an answer within the norm has workingDays <= the norm. Same day: 0 and 0.
 * The days the request waited for its applicant (corrections asked, from the asking to the reply:
 * service_requests.paused_working_days and paused_calendar_days) are subtracted when it is stored
 * (requests.repository advanceRequest), so the reports count the agency's time only.
 */
export function answerDuration(calendar: WorkingCalendar, submittedAt: Date, decidedAt: Date): { workingDays: number; calendarDays: number } {
  const from = toJalali(submittedAt);
  const to = toJalali(decidedAt);
  return { workingDays: Math.max(0, calendar.workingDaysBetween(from, to)), calendarDays: Math.max(0, jalaliDaysBetween(from, to)) };
}
