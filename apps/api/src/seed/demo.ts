// Over 450 lines: the demo data is one story told in order (agencies, units, staff in every role, citizens,
// services and their cards, the calendar, the documents to sign); split, its order would hide in imports.
import { legalIdCheckDigit } from '@dargah/persian';
import type { Role } from '../platform/actor';
import { seedChannelsDemo } from './channels';
import { audit } from '../platform/audit';
import type { AppContext } from '../platform/context';
import { withTransaction } from '../platform/db';
import { registerSimulatedSubscriber } from '../platform/integrations/mobile-registry';
// The seed is a developer tool beside the modules (like the test factories): it writes through
// the identity repository, whose functions the identity module does not export to other modules.
import { hashPassword } from '../modules/identity/auth.service';
import * as identity from '../modules/identity/identity.repository';
import * as orgRepo from '../modules/organisation/organisation.repository';
import { createService, type NewService } from '../modules/services';
import { seedCalendarDemo } from './calendar';
import { seedCatalogueDemo } from './catalogue';
import { DEMO_SIGNER, seedDemoDocuments } from './documents';

/**
 * Demo data for development: three agencies (a ministry, its subsidiary organisation and that
 * organisation's Tehran provincial office) with headquarters and operational units and their desk
 * services, the central body whose reviewers approve every agency's service cards (independent of
 * them: separation of duties), staff in every role, two citizens and a company one of them
 * represents. Seeded once, at the first start on an empty database, never in production.
 * (Over 400 lines: most of it is the demo's data — agencies, staff, desk services and their forms —
 * kept beside the one function that writes it.)
 */
export const DEMO_PASSWORD = 'Dargah-demo-1404';

export interface DemoCredential {
  kind: 'staff' | 'citizen';
  /** Staff: the username. Citizen: the national code. */
  login: string;
  /** Staff: the shared demo password. Citizen: the mobile the one-time code is sent to. */
  secret: string;
  name: string;
  agency: string | null;
  roles: Role[];
  note?: string;
}

const legalId = (firstTen: string) => `${firstTen}${legalIdCheckDigit(firstTen)}`;

export const DEMO_LEGAL_IDS = {
  ministry: legalId('1010345678'),
  organisation: legalId('1010345679'),
  provincial: legalId('1010345680'),
  central: legalId('1010345681'),
  planning: legalId('1010345682'),
  company: legalId('1410345678'),
} as const;

type AgencyKey = 'ministry' | 'organisation' | 'provincial' | 'central' | 'planning';
/** The agencies with desk services (the central body has none). */
type DeskAgencyKey = Exclude<AgencyKey, 'central' | 'planning'>;

const AGENCIES: Record<
  AgencyKey,
  {
    nameFa: string;
    nameEn: string;
    kind: orgRepo.AgencyRow['kind'];
    parent: AgencyKey | null;
    province: string | null;
    units: [string, string];
  }
> = {
  ministry: {
    nameFa: 'وزارت تعاون، کار و رفاه اجتماعی',
    nameEn: 'Ministry of Cooperatives, Labour and Social Welfare',
    kind: 'ministry',
    parent: null,
    province: null,
    units: ['معاونت توسعه مدیریت و منابع', 'اداره خدمات کار و اشتغال'],
  },
  organisation: {
    nameFa: 'سازمان آموزش فنی و حرفه‌ای کشور',
    nameEn: 'Technical and Vocational Training Organisation',
    kind: 'organisation',
    parent: 'ministry',
    province: null,
    units: ['دفتر برنامه‌ریزی و توسعه منابع', 'اداره صدور گواهی‌نامه‌های مهارت'],
  },
  provincial: {
    nameFa: 'اداره کل آموزش فنی و حرفه‌ای استان تهران',
    nameEn: 'Tehran Province Technical and Vocational Training Office',
    kind: 'provincial_office',
    parent: 'organisation',
    province: 'تهران',
    units: ['معاونت برنامه‌ریزی و پشتیبانی', 'مرکز آموزش فنی و حرفه‌ای شماره ۱ تهران'],
  },
  central: {
    nameFa: 'سازمان اداری و استخدامی کشور',
    nameEn: 'Administrative and Recruitment Affairs Organization',
    kind: 'central_body',
    parent: null,
    province: null,
    units: ['معاونت مدیریت و بهره‌وری', 'دفتر معماری و مدیریت خدمات دولت'],
  },
  // The province's planning organisation evaluates the desks of the province's agencies (issue 11 §12).
  planning: {
    nameFa: 'سازمان مدیریت و برنامه‌ریزی استان تهران',
    nameEn: 'Tehran Province Management and Planning Organisation',
    kind: 'provincial_office',
    parent: null,
    province: 'تهران',
    units: ['معاونت توسعه مدیریت و سرمایه انسانی', 'اداره ارزیابی عملکرد دستگاه‌های اجرایی'],
  },
};

interface StaffSeed {
  username: string;
  displayName: string;
  agency: AgencyKey;
  role: Role;
  /** Grant in the operational unit rather than the whole agency. */
  unit?: boolean;
  includeSubagencies?: boolean;
}

const STAFF: StaffSeed[] = [
  { username: 'clerk.ministry', displayName: 'مریم کریمی', agency: 'ministry', role: 'desk_clerk' },
  { username: 'expert.ministry', displayName: 'حسین موسوی', agency: 'ministry', role: 'expert' },
  { username: 'manager.ministry', displayName: 'فاطمه حسینی', agency: 'ministry', role: 'unit_manager', unit: true },
  { username: 'secretariat.ministry', displayName: 'رضا اکبری', agency: 'ministry', role: 'secretariat' },
  { username: 'callcentre.ministry', displayName: 'پریسا نادری', agency: 'ministry', role: 'call_centre_operator' },
  {
    username: 'admin.ministry',
    displayName: 'سارا جعفری',
    agency: 'ministry',
    role: 'agency_admin',
    includeSubagencies: true,
  },
  // The central reviewer works for the central body, not for an agency whose cards they approve.
  { username: 'reviewer.central', displayName: 'محمد صادقی', agency: 'central', role: 'central_reviewer' },
  // Evaluates the desks of Tehran province's agencies for the planning organisation.
  { username: 'evaluator.tehran', displayName: 'نسرین عباسی', agency: 'planning', role: 'provincial_evaluator' },
  {
    username: 'auditor',
    displayName: 'نرگس رحیمی',
    agency: 'ministry',
    role: 'oversight_auditor',
    includeSubagencies: true,
  },
  { username: 'platform.admin', displayName: 'امیر نوری', agency: 'ministry', role: 'platform_admin' },
  { username: 'clerk.org', displayName: 'لیلا قاسمی', agency: 'organisation', role: 'desk_clerk' },
  { username: 'expert.org', displayName: 'مهدی کاظمی', agency: 'organisation', role: 'expert' },
  { username: 'manager.org', displayName: 'زینب مرادی', agency: 'organisation', role: 'unit_manager', unit: true },
  {
    username: 'admin.org',
    displayName: 'علیرضا یوسفی',
    agency: 'organisation',
    role: 'agency_admin',
    includeSubagencies: true,
  },
  { username: 'clerk.tehran', displayName: 'نازنین عباسی', agency: 'provincial', role: 'desk_clerk' },
  { username: 'expert.tehran', displayName: 'سعید رستمی', agency: 'provincial', role: 'expert' },
  { username: 'manager.tehran', displayName: 'الهام شریفی', agency: 'provincial', role: 'unit_manager', unit: true },
  { username: 'admin.tehran', displayName: 'بهروز حیدری', agency: 'provincial', role: 'agency_admin' },
  // Works at the Tehran counter office (seed/channels.ts); the role is granted by the central organisation's side.
  { username: 'counter.tehran', displayName: 'کامران نیک‌نام', agency: 'central', role: 'counter_operator' },
];

export const DEMO_CITIZENS = [
  { nationalCode: '0013542419', mobile: '09121234567', name: 'علی رضایی' },
  { nationalCode: '0010350829', mobile: '09121234568', name: 'زهرا محمدی' },
] as const;
/**
 * People the mobile-ownership simulator (شاهکار) knows besides the demo citizens, with the SIM
 * registered to each: they have no Dargah account until their first sign-in (the browser tests
 * sign them in, e2e/support/demo.ts). Any other number is "not found" to the simulator.
 */
export const DEMO_REGISTRY_PEOPLE = [
  { nationalCode: '0084575948', mobile: '09120001404' },
  { nationalCode: '0499370899', mobile: '09350001404' },
  { nationalCode: '0010000011', mobile: '09120001417' },
  { nationalCode: '0010000070', mobile: '09350001417' },
  { nationalCode: '0071404015', mobile: '09120002404' },
  { nationalCode: '0031404022', mobile: '09350002404' },
  { nationalCode: '0077611616', mobile: '09120003404' },
  { nationalCode: '0071405097', mobile: '09120005404' },
  // e2e/no-script.e2e.ts: the sign-in without JavaScript, desktop and phone.
  { nationalCode: '0011406011', mobile: '09120006404' },
  { nationalCode: '0041406028', mobile: '09350006404' },
  // e2e/tracking-feedback.e2e.ts: public tracking, the rating and the call centre, on a phone.
  { nationalCode: '0011407018', mobile: '09350007404' },
  // e2e/desk-work.e2e.ts: the desk's work screens (claim, correction, signed answer, messages), on a phone.
  { nationalCode: '0011408014', mobile: '09350008404' },
  // e2e/counter.e2e.ts: a request submitted for them at the counter office, seen after their sign-in.
  { nationalCode: '0011409010', mobile: '09350009404' },
  // e2e/apply-upload.e2e.ts: documents uploaded with a request, the server draft and the receipt, on a phone.
  { nationalCode: '0040040011', mobile: '09350040404' },
  // e2e/apply-payment.e2e.ts: a service's fee paid through the payment gateway simulator, then submitted, on a phone.
  { nationalCode: '0042004209', mobile: '09350042404' },
  // e2e/apply-postal.e2e.ts: the answer by post to the profile's address, handed to the post's simulator, on a phone.
  { nationalCode: '0046004602', mobile: '09350046404' },
] as const;

/**
 * Registers the demo citizens' and DEMO_REGISTRY_PEOPLE's SIMs in the simulator's register, at
 * every development start (also on a database seeded before the register existed).
 */
export async function seedMobileRegistry(ctx: AppContext): Promise<void> {
  if (ctx.config.NODE_ENV === 'production' || ctx.mobileRegistry.mode !== 'simulator') return;
  const now = ctx.clock.now();
  await withTransaction(ctx.database, async (tx) => {
    for (const p of [...DEMO_CITIZENS, ...DEMO_REGISTRY_PEOPLE]) await registerSimulatedSubscriber(tx.db, p, now);
  });
}

export const DEMO_COMPANY = {
  legalId: DEMO_LEGAL_IDS.company,
  name: 'شرکت نمونه فناوران پارس',
  representativeTitle: 'مدیرعامل',
} as const;

const text = (title: string, o: Record<string, unknown> = {}) => ({ type: 'string', title, ...o });
const choice = (title: string, options: string[]) => ({ type: 'string', title, enum: options });
// x-order keeps the field order: jsonb does not keep object keys in the order they were written.
const form = (required: string[], properties: Record<string, unknown>) => ({
  type: 'object',
  required,
  properties,
  additionalProperties: false,
  'x-order': Object.keys(properties),
});
const NOTES = text('توضیحات', { maxLength: 500 });

type ServiceSeed = Omit<NewService, 'agencyId' | 'published'>;

const SERVICES: Record<DeskAgencyKey, ServiceSeed[]> = {
  ministry: [
    {
      titleFa: 'درخواست گواهی سابقه اشتغال',
      titleEn: 'Employment record certificate',
      descriptionFa: 'گواهی سابقه اشتغال بر پایه سوابق ثبت‌شده در وزارت، برای ارائه به بانک، سفارت یا کارفرمای جدید.',
      recipients: 'G2C',
      normDays: 5,
      formSchema: form(['reason', 'employerName'], {
        reason: choice('علت درخواست', ['ارائه به بانک', 'ارائه به سفارت', 'ارائه به کارفرمای جدید', 'سایر']),
        employerName: text('نام آخرین کارفرما', { minLength: 2, maxLength: 200 }),
        notes: NOTES,
      }),
    },
    {
      titleFa: 'ثبت شکایت کارگری',
      titleEn: 'Labour complaint',
      descriptionFa: 'ثبت شکایت کارگر از کارفرما برای رسیدگی در هیئت‌های تشخیص و حل اختلاف.',
      recipients: 'G2C',
      normDays: 10,
      formSchema: form(['employerName', 'complaintType', 'description'], {
        employerName: text('نام کارفرما', { minLength: 2, maxLength: 200 }),
        complaintType: choice('موضوع شکایت', ['عدم پرداخت دستمزد', 'اخراج غیرقانونی', 'عدم پرداخت حق بیمه', 'سایر']),
        monthsUnpaid: { type: 'integer', title: 'تعداد ماه‌های پرداخت‌نشده', minimum: 0, maximum: 120 },
        description: text('شرح شکایت', { minLength: 10, maxLength: 2000 }),
      }),
    },
    {
      // Linked to the ministry's card whose year has run out (./catalogue/lifecycle.ts): closed to new requests.
      titleFa: 'صدور مجوز تأسیس مؤسسه کاریابی',
      titleEn: 'Licence for a private employment agency',
      descriptionFa: 'درخواست مجوز تأسیس مؤسسه کاریابی غیردولتی برای اشخاص دارای شرایط.',
      recipients: 'G2C',
      normDays: 20,
      formSchema: form(['instituteName', 'address'], {
        instituteName: text('نام پیشنهادی مؤسسه', { minLength: 3, maxLength: 200 }),
        address: text('نشانی محل فعالیت', { minLength: 10, maxLength: 500 }),
      }),
    },
  ],
  organisation: [
    {
      // The answer may go by post (ADR 0039): e2e/apply-postal.e2e.ts; e2e/desk-work.e2e.ts applies without it.
      titleFa: 'صدور المثنی گواهی‌نامه مهارت',
      titleEn: 'Duplicate skill certificate',
      descriptionFa: 'صدور نسخه المثنی گواهی‌نامه مهارت فنی و حرفه‌ای در صورت مفقود شدن یا فرسودگی.',
      recipients: 'G2C',
      normDays: 7,
      postalDelivery: true,
      formSchema: form(['certificateNumber', 'reason'], {
        certificateNumber: text('شماره گواهی‌نامه', { pattern: '^[0-9]{6,12}$' }),
        reason: choice('علت درخواست المثنی', ['مفقود شدن', 'فرسودگی', 'تغییر مشخصات']),
        notes: NOTES,
      }),
    },
    {
      // A fixed fee, paid through the payment gateway (its simulator) before submitting (ADR 0037).
      // Not in the catalogue: no approved card shares its title (seed/catalogue/delivery.ts).
      titleFa: 'آزمون ارزشیابی مهارت',
      titleEn: 'Skill assessment exam',
      descriptionFa: 'نوبت‌گیری آزمون ارزشیابی مهارت فنی و حرفه‌ای؛ هزینهٔ آزمون پیش از ثبت درخواست از درگاه پرداخت پرداخت می‌شود.',
      recipients: 'G2C',
      normDays: 5,
      feeRule: { kind: 'fixed', amountRials: 1_500_000 },
      formSchema: form(['field', 'city'], {
        field: choice('رشته مهارتی', ['برق‌کاری ساختمان', 'حسابداری مقدماتی', 'خیاطی', 'مهارت‌های پایه رایانه']),
        city: choice('شهر محل آزمون', ['تهران', 'کرج', 'اصفهان']),
        notes: NOTES,
      }),
    },
    {
      titleFa: 'صدور پروانه تأسیس آموزشگاه آزاد فنی و حرفه‌ای',
      titleEn: 'Licence for a private vocational training institute',
      descriptionFa: 'درخواست شرکت‌ها برای تأسیس آموزشگاه آزاد فنی و حرفه‌ای.',
      recipients: 'G2B',
      normDays: 15,
      formSchema: form(['instituteName', 'field', 'capacity'], {
        instituteName: text('نام پیشنهادی آموزشگاه', { minLength: 3, maxLength: 200 }),
        field: choice('رشته آموزشی', ['فناوری اطلاعات', 'صنایع پوشاک', 'برق و الکترونیک', 'هنرهای تجسمی']),
        capacity: { type: 'integer', title: 'ظرفیت (نفر)', minimum: 5, maximum: 500 },
      }),
    },
  ],
  provincial: [
    {
      titleFa: 'ثبت‌نام در دوره آموزشی کوتاه‌مدت',
      titleEn: 'Enrolment in a short training course',
      descriptionFa: 'ثبت‌نام در دوره‌های کوتاه‌مدت مراکز آموزش فنی و حرفه‌ای استان تهران.',
      recipients: 'G2C',
      normDays: 3,
      formSchema: form(['course', 'shift'], {
        course: choice('دوره', ['مهارت‌های پایه رایانه', 'حسابداری مقدماتی', 'برق‌کاری ساختمان', 'خیاطی']),
        shift: choice('نوبت', ['صبح', 'عصر']),
        notes: NOTES,
      }),
    },
    {
      titleFa: 'درخواست بازدید ایمنی از کارگاه',
      titleEn: 'Workshop safety inspection',
      descriptionFa: 'درخواست کارفرمایان برای بازدید بازرسان ایمنی از کارگاه و صدور گزارش.',
      recipients: 'G2B',
      normDays: 10,
      formSchema: form(['workshopAddress', 'postalCode', 'employeeCount'], {
        workshopAddress: text('نشانی کارگاه', { minLength: 10, maxLength: 500 }),
        postalCode: text('کد پستی کارگاه', { format: 'ir-postal-code', description: '۱۰ رقم؛ مانند ۱۶۱۹۷۳۵۷۴۴.' }),
        employeeCount: { type: 'integer', title: 'تعداد کارکنان', minimum: 1, maximum: 10000 },
      }),
    },
  ],
};

/**
 * Seeds the demo data in one transaction and returns the demo accounts. Does nothing (and returns
 * an empty list) when any agency exists, and never runs in production.
 */
export async function seedDemoData(ctx: AppContext): Promise<DemoCredential[]> {
  if (ctx.config.NODE_ENV === 'production') {
    ctx.log.warn('demo data is never seeded in production');
    return [];
  }
  await seedMobileRegistry(ctx);
  const db = ctx.database.db;
  if (await orgRepo.anyAgencyExists(db)) {
    // Seeded before: the demo documents only if a start was interrupted before them (nothing otherwise).
    await seedDemoDocuments(ctx);
    return [];
  }
  // Hashed before the transaction: the embedded database runs one transaction at a time.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = ctx.clock.now();
  const actor = { type: 'system' as const, id: 'demo-seed' };

  const seeded = await ctx.database.withAdvisoryLock('dargah:seed-demo', () =>
    withTransaction(ctx.database, async (tx) => {
      // Checked again under the lock: another process may have seeded meanwhile.
      if (await orgRepo.anyAgencyExists(tx.db)) return [];
      const out: DemoCredential[] = [];
      const staffIds: Record<string, string> = {};
      const serviceIds: Record<string, string> = {};
      const agencyIds = {} as Record<AgencyKey, string>;
      const opUnits = {} as Record<AgencyKey, string>;
      for (const key of ['ministry', 'organisation', 'provincial', 'central', 'planning'] as const) {
        const a = AGENCIES[key];
        const row = await orgRepo.insertAgency(
          tx.db,
          {
            legalId: DEMO_LEGAL_IDS[key],
            nameFa: a.nameFa,
            nameEn: a.nameEn,
            kind: a.kind,
            parentId: a.parent ? agencyIds[a.parent] : null,
            province: a.province,
            county: null,
          },
          now,
        );
        agencyIds[key] = row.id;
        const hq = await orgRepo.insertUnit(
          tx.db,
          { agencyId: row.id, parentId: null, nameFa: a.units[0], nameEn: null, kind: 'headquarters', code: 'HQ' },
          now,
        );
        const op = await orgRepo.insertUnit(
          tx.db,
          { agencyId: row.id, parentId: hq.id, nameFa: a.units[1], nameEn: null, kind: 'operational', code: 'OP1' },
          now,
        );
        opUnits[key] = op.id;
        for (const s of key === 'central' || key === 'planning' ? [] : SERVICES[key]) serviceIds[s.titleFa] = await createService(tx.db, { ...s, agencyId: row.id, published: true }, now);
      }
      for (const s of STAFF) {
        const id = await orgRepo.insertStaff(
          tx.db,
          { agencyId: agencyIds[s.agency], username: s.username, displayName: s.displayName, passwordHash },
          now,
        );
        staffIds[s.username] = id;
        await orgRepo.insertRoleGrant(
          tx.db,
          id,
          {
            role: s.role,
            agencyId: agencyIds[s.agency],
            unitId: s.unit ? opUnits[s.agency] : null,
            includeSubagencies: s.includeSubagencies ?? false,
          },
          now,
        );
        out.push({
          kind: 'staff',
          login: s.username,
          secret: DEMO_PASSWORD,
          name: s.displayName,
          agency: AGENCIES[s.agency].nameFa,
          roles: [s.role],
          ...(s.username === DEMO_SIGNER.username ? { note: `signer: PIN ${DEMO_SIGNER.pin}, documents waiting at /staff/documents` } : {}),
        });
      }
      const people: string[] = [];
      for (const c of DEMO_CITIZENS) {
        const id = (await identity.insertPerson(tx.db, c.nationalCode, c.mobile, now))!;
        await identity.updateCitizenProfile(tx.db, id, { name: c.name }, now);
        people.push(id);
      }
      const companyId = await identity.insertCompany(
        tx.db,
        { legalId: DEMO_COMPANY.legalId, name: DEMO_COMPANY.name },
        now,
      );
      await identity.addRepresentative(tx.db, companyId, people[0]!, DEMO_COMPANY.representativeTitle, now);
      DEMO_CITIZENS.forEach((c, i) =>
        out.push({
          kind: 'citizen',
          login: c.nationalCode,
          secret: c.mobile,
          name: c.name,
          agency: null,
          roles: [],
          ...(i === 0
            ? { note: `${DEMO_COMPANY.representativeTitle} ${DEMO_COMPANY.name} (شناسه ملی ${DEMO_COMPANY.legalId})` }
            : {}),
        }),
      );
      await seedCatalogueDemo(tx, { now, agencyIds, staffIds });
      await seedChannelsDemo(tx, { now, operatorId: staffIds['counter.tehran']!, serviceId: serviceIds['درخواست گواهی سابقه اشتغال']!, agencyId: agencyIds.ministry });
      // The holiday table of 1405, its lunar dates a clearly marked sample (seed/calendar.ts).
      await seedCalendarDemo(tx, { now, publishedBy: staffIds['reviewer.central']! });
      audit(tx, {
        actor,
        at: now,
        action: 'demo.seeded',
        objectType: 'system',
        objectId: null,
        details: {
          agencies: Object.keys(AGENCIES).length,
          services: Object.values(SERVICES).flat().length,
          staff: STAFF.length,
          citizens: DEMO_CITIZENS.length,
          companies: 1,
        },
      });
      return out;
    }),
  );
  // Rendering and keys work outside the seed's transaction (ADR 0023).
  await seedDemoDocuments(ctx);
  return seeded;
}

/** Writes the demo accounts to stdout once, for the developer who just started the server. */
export function printDemoCredentials(
  list: DemoCredential[],
  write: (s: string) => void = (s) => void process.stdout.write(s),
): void {
  if (list.length === 0) return;
  const staff = list.filter((c) => c.kind === 'staff');
  const citizens = list.filter((c) => c.kind === 'citizen');
  const w = Math.max(...staff.map((c) => c.login.length), 10);
  const lines = [
    '',
    'Demo data seeded (development only). Demo accounts:',
    '',
    `  Staff — sign in with username and the shared password ${DEMO_PASSWORD}`,
    ...staff.map((c) => `    ${c.login.padEnd(w)}  ${c.roles.join(', ').padEnd(17)}  ${c.name} — ${c.agency ?? ''}${c.note ? ` (${c.note})` : ''}`),
    '',
    '  Citizens — sign in with national code and mobile; the one-time code is in the SMS simulator outbox (/dev/outbox)',
    ...citizens.map((c) => `    ${c.login}  ${c.secret}  ${c.name}${c.note ? ` — ${c.note}` : ''}`),
    '',
    '  The mobile-ownership simulator (شاهکار) also knows these people, who get an account at their first sign-in:',
    ...DEMO_REGISTRY_PEOPLE.map((p) => `    ${p.nationalCode}  ${p.mobile}`),
    '  A code is sent only to the mobile registered to the national code; 0999 999 98xx numbers make the simulator time out.',
    '',
  ];
  write(`${lines.join('\n')}\n`);
}
