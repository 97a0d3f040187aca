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
 * limit on one-time codes (3 in 10 minutes) is never reached by the suite. The mobile-ownership
 * simulator (شاهکار) knows each of them with this SIM: the demo seed registers these pairs
 * (DEMO_REGISTRY_PEOPLE in apps/api/src/seed/demo.ts), and no code goes to any other number.
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

// Sign-in security (e2e/signin-security.e2e.ts) --------------------------------------------------

/** The second seeded citizen (no company): the desktop run's victim. */
export const SECOND_CITIZEN = {
  nationalCode: '۰۰۱۰۳۵۰۸۲۹',
  mobileTyped: '۰۹۱۲۱۲۳۴۵۶۸',
  mobile: '09121234568',
} as const satisfies DemoCitizen;

/**
 * An attacker who knows a demo citizen's national code types a mobile of their own: on the
 * desktop a SIM registered to someone else (the registry answers "no match"), on the phone a
 * number nobody holds ("not found"). Both must be refused alike, with no code sent.
 */
export const TAKEOVER = {
  desktop: { victim: SECOND_CITIZEN, attacker: { typed: '۰۹۱۲۰۰۰۱۴۰۴', mobile: '09120001404' } },
  phone: { victim: REPRESENTATIVE, attacker: { typed: '۰۹۳۵۷۷۷۰۰۰۱', mobile: '09357770001' } },
} as const;

// Catalogue review (e2e/catalogue-review.e2e.ts) ------------------------------------------------

/** The ministry's administrator (agency_admin with sub-agencies): the parent reviewer of the organisation's cards. */
export const MINISTRY_ADMIN: DemoStaff = { username: 'admin.ministry', password: DEMO_PASSWORD };

/** The organisation's administrator (its parent is the ministry): drafts, submits, changes and renews cards. */
export const ORG_ADMIN: DemoStaff = { username: 'admin.org', password: DEMO_PASSWORD };

/** The demo signer (apps/api/src/seed/documents.ts): the organisation's unit manager, her signing PIN and name. */
export const DEMO_SIGNER = { username: 'manager.org', password: DEMO_PASSWORD, pin: '140414', name: 'زینب مرادی' } as const;

/** The central reviewer: approves, returns or rejects cards. */
export const CENTRAL_REVIEWER: DemoStaff = { username: 'reviewer.central', password: DEMO_PASSWORD };

/**
 * Approved cards of the ministry seeded by apps/api/src/seed/catalogue/lifecycle.ts
 * (EXPIRED_CARD_TITLE, EXPIRING_CARD_TITLE there): one whose year ran out, one expiring in 20 days.
 */
export const EXPIRED_CARD_TITLE = 'صدور مجوز تأسیس مؤسسهٔ کاریابی';
export const EXPIRING_CARD_TITLE = 'ثبت قرارداد کار موقت کارگران';

// Catalogue discrepancy reports (e2e/catalogue-reports.e2e.ts) -----------------------------------

/**
 * The rows without a service id of the Tehran provincial office's report for last Jalali year,
 * seeded by apps/api/src/seed/catalogue/delivery.ts: they wait in the central review.
 */
export const PROVINCIAL_ROWS_WITHOUT_ID = ['برگزاری آزمون مهارت در محل کارگاه‌های صنفی', 'مشاوره شغلی حضوری کارجویان'] as const;

// Staff administration (e2e/admin-staff.e2e.ts) --------------------------------------------------

/** The Tehran provincial office's administrator (agency_admin, no sub-agencies): may not register agencies. */
export const PROVINCIAL_ADMIN: DemoStaff = { username: 'admin.tehran', password: DEMO_PASSWORD };
/** A colleague in the same office, to be the delegate. */
export const PROVINCIAL_CLERK_NAME = 'نازنین عباسی';

// Role homes (e2e/role-homes.e2e.ts) ------------------------------------------------------------

/** The ministry's expert (expert): works the cartable and drafts service cards. */
export const MINISTRY_EXPERT: DemoStaff = { username: 'expert.ministry', password: DEMO_PASSWORD };

/** The oversight auditor (oversight_auditor, with the ministry's sub-agencies): reads the audit log and watches the chain. */
export const AUDITOR: DemoStaff = { username: 'auditor', password: DEMO_PASSWORD };

/** The ministry's secretariat (secretariat): a role that opens no work yet (correspondence is to come). */
export const SECRETARIAT: DemoStaff = { username: 'secretariat.ministry', password: DEMO_PASSWORD };

/** The provincial office's unit manager: delegates to its administrator in the role-homes journey. */
export const PROVINCIAL_MANAGER = 'manager.tehran';

/** Citizens with no company, created at their first sign-in, one per device (codes valid by checksum). */
export const HOME_CITIZENS = {
  desktop: { nationalCode: '۰۰۱۰۰۰۰۰۱۱', mobileTyped: '۰۹۱۲۰۰۰۱۴۱۷', mobile: '09120001417' },
  phone: { nationalCode: '۰۰۱۰۰۰۰۰۷۰', mobileTyped: '۰۹۳۵۰۰۰۱۴۱۷', mobile: '09350001417' },
} as const satisfies Record<string, DemoCitizen>;

// Public tracking, the rating and the call centre (e2e/tracking-feedback.e2e.ts) ----------------

/** A call-centre operator of the ministry (call_centre_operator). */
export const CALL_CENTRE: DemoStaff = { username: 'callcentre.ministry', password: DEMO_PASSWORD };

/** Tehran's provincial evaluator (provincial_evaluator at the province's planning organisation): the desk scorecard of Tehran's agencies. */
export const PROVINCIAL_EVALUATOR: DemoStaff = { username: 'evaluator.tehran', password: DEMO_PASSWORD };

// Counter offices and the in-person desk (e2e/counter.e2e.ts) ----------------------------------

/** The operator of the demo's Tehran counter office (counter_operator), delegated the ministry's employment-record certificate. */
export const COUNTER_OPERATOR: DemoStaff = { username: 'counter.tehran', password: DEMO_PASSWORD };
