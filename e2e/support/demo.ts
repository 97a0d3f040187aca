/**
 * Demo accounts the journeys use. The server seeds the demo agencies, services and staff when it
 * runs with NODE_ENV=development (the harness starts it so) and prints the accounts at start; if
 * the seed names them differently, fix them here and nowhere else.
 */

/** The password of every seeded demo staff account. */
export const DEMO_PASSWORD = 'Dargah-demo-1404';

export interface DemoStaff {
  username: string;
  password: string;
}

/** A desk clerk (desk_clerk) of the agency whose demo service the citizen applies for (the ministry). */
export const DESK_CLERK: DemoStaff = { username: 'clerk.ministry', password: DEMO_PASSWORD };

/** A desk clerk of another agency (the Tehran provincial office): must not see the request. */
export const OTHER_AGENCY_CLERK: DemoStaff = { username: 'clerk.tehran', password: DEMO_PASSWORD };

export interface DemoCitizen {
  /** Valid national code (checksum), as a citizen may type it: with Persian digits. */
  nationalCode: string;
  /** Mobile number as typed (Persian digits) and as the outbox lists it (`09…`, ASCII). */
  mobileTyped: string;
  mobile: string;
}

/**
 * Citizens are created at their first sign-in; each device run uses its own, so the per-person
 * limit on one-time codes (3 in 10 minutes) is never reached by the suite.
 */
export const CITIZENS = {
  desktop: { nationalCode: '۰۰۸۴۵۷۵۹۴۸', mobileTyped: '۰۹۱۲۰۰۰۱۴۰۴', mobile: '09120001404' },
  phone: { nationalCode: '۰۴۹۹۳۷۰۸۹۹', mobileTyped: '۰۹۳۵۰۰۰۱۴۰۴', mobile: '09350001404' },
} as const satisfies Record<string, DemoCitizen>;

/** A platform administrator (platform_admin, in the ministry). */
export const PLATFORM_ADMIN: DemoStaff = { username: 'platform.admin', password: DEMO_PASSWORD };

/**
 * The seeded citizen who represents a company (مدیرعامل): may act for it. Seeded with a name, so
 * the header shows it.
 */
export const REPRESENTATIVE = {
  nationalCode: '۰۰۱۳۵۴۲۴۱۹',
  mobileTyped: '۰۹۱۲۱۲۳۴۵۶۷',
  mobile: '09121234567',
  company: 'شرکت نمونه فناوران پارس',
} as const satisfies DemoCitizen & { company: string };
