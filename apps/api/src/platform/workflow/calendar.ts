import { jalaliDayRange, type WorkingCalendar } from '@dargah/persian';
import type { AddWorkingDays } from './engine';

/**
 * The engine's working-day arithmetic from a calendar: `n` working days after an instant, counted
 * from the Tehran day after it, end at the close of the n-th working day (exclusive), so a case is
 * late from the first instant of the next day. The same rule as a request's answer date.
 */
export const workingDeadlines =
  (calendar: WorkingCalendar): AddWorkingDays =>
  (from, n) =>
    jalaliDayRange(calendar.addWorkingDaysToInstant(from, n)).end;
