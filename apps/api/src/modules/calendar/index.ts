import type { AppModule } from '../../platform/module';
import { calendarErrors, calendarFields } from './calendar.errors';
import { mayAdministerCalendar } from './calendar.policy';
import { calendarRoutes } from './calendar.routes';

/*
 * What other modules may use: an agency's working calendar (the requests module's answer dates),
 * cached per process (see working-calendar.service.ts for how fresh it is).
 */
export { calendarFor, CALENDAR_CACHE_TTL_MS } from './working-calendar.service';

/**
 * The working-day calendar: each Jalali year's official holiday table (solar and lunar), published
 * by the central organisation on a screen or from CSV, and the local closures of agencies and provinces.
 */
export const calendarModule: AppModule = {
  name: 'calendar',
  errors: [calendarErrors],
  fields: [calendarFields.table],
  register: calendarRoutes,
  areas: (_ctx, actor) => ({ holidayCalendar: mayAdministerCalendar(actor) }),
};
