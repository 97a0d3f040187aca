import { createWorkingCalendar } from '@dargah/persian';
import { describe, expect, it } from 'vitest';
import { answerDuration } from './answer-duration.model';

const national = createWorkingCalendar();

describe('answerDuration', () => {
  it('counts working days after the submission day up to the answer day, and calendar days', () => {
    // Wed 2 Mehr 1404 10:00 Tehran -> Sat 5 Mehr: Thursday and Friday are off.
    expect(answerDuration(national, new Date('2025-09-24T06:30:00Z'), new Date('2025-09-27T06:30:00Z'))).toEqual({ workingDays: 1, calendarDays: 3 });
    // The same Tehran day, even across UTC midnight (23:00 and 23:50 Tehran are 19:30Z and 20:20Z).
    expect(answerDuration(national, new Date('2025-09-23T19:30:00Z'), new Date('2025-09-23T20:20:00Z'))).toEqual({ workingDays: 0, calendarDays: 0 });
  });

  it('skips the fixed holidays and those the calendar is given', () => {
    // Tue 28 Esfand 1403 (a leap year: Esfand has 30 days) -> Thu 7 Farvardin 1404: 29 Esfand is a
    // fixed holiday, 30 Esfand a Thursday, 1 Farvardin a Friday, 2–4 Nowruz; Tue 5 and Wed 6 count.
    const submitted = new Date('2025-03-18T06:30:00Z');
    const answered = new Date('2025-03-27T06:30:00Z');
    expect(answerDuration(national, submitted, answered)).toEqual({ workingDays: 2, calendarDays: 9 });
    // A lunar holiday of the yearly table on 6 Farvardin leaves one.
    const withLunar = createWorkingCalendar({ holidays: [{ date: { jy: 1404, jm: 1, jd: 6 } }] });
    expect(answerDuration(withLunar, submitted, answered)).toEqual({ workingDays: 1, calendarDays: 9 });
  });
});
