import { ServiceCardContent, validateCardForSubmission } from '@dargah/contracts';
import { jalaliDateString } from '@dargah/persian';
import type { Tx } from '../../platform/db';
import type { CatalogueSeed } from '.';
import { seedApprovedCard } from './approved-card';

/*
 * The public catalogue's demo services: approved service identity cards of the three demo agencies
 * (the labour ministry, its technical and vocational training organisation and that organisation's
 * Tehran office), complete as the review approves them, with varied recipients, life events,
 * maturity levels (some not yet electronic with a plan, one exempt), fees, documents supplied by
 * inquiry, and offices with opening hours. Approved over the last few months.
 * (Over 400 lines: a data table, one entry per demo card, beside the one function that seeds them.)
 */

type AgencyKey = keyof CatalogueSeed['agencyIds'];
type LawKey = 'management' | 'eGovernment' | 'business' | 'fees';

/** Revenue accounts (Sheba) of the treasury for the fees. */
const TREASURY = 'IR140100004001070401234567';
const TREASURY_2 = 'IR070100004101070402345678';

const HQ_HOURS = 'شنبه تا چهارشنبه، ساعت ۷:۳۰ تا ۱۴:۳۰';

interface SeedCard {
  agency: AgencyKey;
  /** Username of the staff member who drafted it (see STAFF in ../demo.ts). */
  author: string;
  /** Days before the seed's "now" the card was approved. */
  approvedDaysAgo: number;
  /** The service-architecture category, by its key `<domain>.<category>` in s.categoryIds (./architecture.ts). */
  category: string;
  content: (ids: {
    agency: Record<AgencyKey, string>;
    law: (key: LawKey, article: string) => LawRef;
    /** The Jalali date (YYYY/MM/DD) so many days after the seed's "now" (before it when negative). */
    day: (days: number) => string;
  }) => unknown;
}
interface LawRef {
  lawId: string;
  article: string;
}

const web = (url: string) => ({ eServiceUrl: url });

const CARDS: SeedCard[] = [
  // The ministry ------------------------------------------------------------------------------
  {
    agency: 'ministry',
    author: 'admin.ministry',
    approvedDaysAgo: 95,
    category: 'business.employment',
    content: ({ agency, law }) => ({
      title: 'صدور گواهی سابقه اشتغال',
      titleEn: 'Employment record certificate',
      subServices: [{ title: 'گواهی سابقه اشتغال به زبان انگلیسی', description: 'برای ارائه به سفارت‌ها.' }],
      description:
        'صدور گواهی سابقه اشتغال بر پایه سوابق ثبت‌شده کارگاه‌ها در وزارت، برای ارائه به بانک، سفارت یا کارفرمای جدید.',
      recipients: ['G2C'],
      nature: 'sovereign',
      level: 'national',
      lifeEvents: ['employment'],
      startMode: 'on_request',
      legalBasis: [law('management', '8'), law('eGovernment', '2')],
      documents: [
        { title: 'کارت ملی', mandatory: true },
        {
          title: 'گواهی‌نامه مهارت',
          mandatory: false,
          byInquiry: true,
          evidenceType: 'گواهی‌نامه مهارت فنی و حرفه‌ای',
          providerAgencyId: agency.organisation,
        },
      ],
      inquiries: [{ agencyId: agency.organisation, data: 'گواهی‌نامه‌های مهارت متقاضی', mode: 'instant' }],
      identity: { personTypes: ['real'], assuranceLevel: 'substantial' },
      fees: [],
      inPersonVisits: { count: 0 },
      channels: {
        information: ['web', 'call_centre'],
        request: ['web', 'mobile_app'],
        delivery: ['web'],
        ...web('https://eservices.mcls.gov.ir/employment-record'),
      },
      process: {
        start: { description: 'ثبت درخواست در میز خدمت الکترونیکی با ورود از درگاه ملی احراز هویت.' },
        production: { description: 'بررسی سوابق کارگاه‌ها و تأیید کارشناس اداره خدمات کار.' },
        delivery: { description: 'گواهی با کد رهگیری و امضای الکترونیکی در میز خدمت ارائه می‌شود.' },
        legalDeadlineDays: 10,
        normDays: 5,
        extensionAllowed: false,
      },
      complaintRoute: 'سامانه ۱۱۱ ریاست‌جمهوری یا واحد پاسخ‌گویی وزارت (تلفن ۱۵۷۰)',
      offices: [
        {
          name: 'میز خدمت ستاد وزارت',
          address: 'تهران، خیابان آزادی، نبش خیابان شهید نوری، ساختمان وزارت',
          hours: HQ_HOURS,
          phone: '۰۲۱-۶۶۴۳۰۰۰۰',
          province: 'تهران',
        },
      ],
      maturity: { level: 'transactional' },
    }),
  },
  {
    agency: 'ministry',
    author: 'admin.ministry',
    approvedDaysAgo: 80,
    category: 'business.employment',
    content: ({ law }) => ({
      title: 'ثبت شکایت کارگری',
      titleEn: 'Labour complaint',
      description: 'ثبت شکایت کارگر از کارفرما و تعیین وقت رسیدگی در هیئت تشخیص و حل اختلاف.',
      recipients: ['G2C'],
      nature: 'sovereign',
      level: 'national',
      lifeEvents: ['employment'],
      startMode: 'on_request',
      legalBasis: [law('management', '8')],
      documents: [
        { title: 'کارت ملی', mandatory: true },
        { title: 'قرارداد کار یا فیش حقوقی', mandatory: false },
      ],
      inquiries: [],
      identity: { personTypes: ['real'], assuranceLevel: 'substantial' },
      fees: [],
      inPersonVisits: { count: 1, reason: 'حضور در جلسه رسیدگی هیئت تشخیص' },
      channels: {
        information: ['web', 'call_centre'],
        request: ['web', 'counter'],
        delivery: ['in_person', 'sms'],
        ...web('https://eservices.mcls.gov.ir/labour-complaint'),
      },
      process: {
        start: { description: 'ثبت شکایت در میز خدمت یا دفتر پیشخوان.' },
        production: { description: 'تعیین وقت و رسیدگی در هیئت تشخیص.' },
        delivery: { description: 'ابلاغ رأی با پیامک و در جلسه.' },
        legalDeadlineDays: 30,
        normDays: 20,
        extensionAllowed: true,
        extensionTermDays: 10,
      },
      complaintRoute: 'هیئت حل اختلاف استان؛ سامانه ۱۱۱',
      offices: [
        {
          name: 'اداره کل تعاون، کار و رفاه اجتماعی استان تهران',
          address: 'تهران، خیابان ولیعصر، بالاتر از میدان ونک، پلاک ۲۵۶۱',
          hours: HQ_HOURS,
          phone: '۰۲۱-۸۸۸۸۳۰۰۰',
          province: 'تهران',
        },
      ],
      maturity: { level: 'interactive' },
    }),
  },
  {
    agency: 'ministry',
    author: 'admin.ministry',
    approvedDaysAgo: 60,
    category: 'business.licences',
    content: ({ agency, law }) => ({
      title: 'صدور پروانه کار اتباع خارجی',
      titleEn: 'Work permit for foreign nationals',
      description: 'صدور و تمدید پروانه کار برای اتباع خارجی به درخواست کارفرمای ایرانی.',
      recipients: ['G2B'],
      nature: 'sovereign',
      level: 'national',
      lifeEvents: ['business', 'employment'],
      startMode: 'on_request',
      legalBasis: [law('business', '7'), law('management', '8')],
      documents: [
        { title: 'گذرنامه معتبر تبعه خارجی', mandatory: true },
        { title: 'قرارداد کار', mandatory: true },
        {
          title: 'گواهی‌نامه مهارت',
          mandatory: true,
          byInquiry: true,
          evidenceType: 'گواهی‌نامه مهارت فنی و حرفه‌ای',
          providerAgencyId: agency.organisation,
        },
      ],
      inquiries: [{ agencyId: agency.organisation, data: 'اصالت گواهی‌نامه مهارت', mode: 'instant' }],
      identity: { personTypes: ['legal'], assuranceLevel: 'high' },
      fees: [
        { title: 'هزینه صدور پروانه کار', amountRials: 25_000_000, legalBasis: [law('fees', '3')], sheba: TREASURY },
      ],
      inPersonVisits: { count: 0 },
      channels: {
        information: ['web'],
        request: ['web'],
        delivery: ['web', 'post'],
        ...web('https://eservices.mcls.gov.ir/work-permit'),
      },
      process: {
        start: { description: 'ثبت درخواست کارفرما در میز خدمت با شناسه ملی شرکت.' },
        production: { description: 'بررسی صلاحیت و استعلام مهارت از سازمان آموزش فنی و حرفه‌ای.' },
        delivery: { description: 'صدور پروانه الکترونیکی و ارسال نسخه چاپی با پست.' },
        legalDeadlineDays: 15,
        normDays: 12,
        extensionAllowed: false,
      },
      complaintRoute: 'دفتر امور اتباع خارجی وزارت؛ سامانه ۱۱۱',
      maturity: { level: 'transactional' },
    }),
  },
  {
    agency: 'ministry',
    author: 'admin.ministry',
    approvedDaysAgo: 40,
    category: 'welfare.insurance',
    content: ({ agency, law }) => ({
      title: 'ثبت‌نام بیمه بیکاری',
      titleEn: 'Unemployment insurance registration',
      description: 'ثبت‌نام کارگرانی که بدون میل خود بیکار شده‌اند برای دریافت مقرری بیمه بیکاری.',
      recipients: ['G2C'],
      nature: 'supportive',
      level: 'national',
      lifeEvents: ['employment', 'social_security'],
      startMode: 'on_request',
      legalBasis: [law('management', '8'), law('eGovernment', '3')],
      documents: [
        { title: 'کارت ملی', mandatory: true },
        {
          title: 'گواهی سابقه اشتغال',
          mandatory: true,
          byInquiry: true,
          evidenceType: 'گواهی سابقه اشتغال',
          providerAgencyId: agency.ministry,
        },
      ],
      inquiries: [{ agencyId: agency.ministry, data: 'سوابق اشتغال و بیمه متقاضی', mode: 'instant' }],
      identity: { personTypes: ['real'], assuranceLevel: 'substantial' },
      fees: [],
      inPersonVisits: { count: 0 },
      channels: {
        information: ['web', 'sms', 'call_centre'],
        request: ['web', 'mobile_app'],
        delivery: ['web', 'sms'],
        ...web('https://eservices.mcls.gov.ir/unemployment'),
      },
      process: {
        start: { description: 'ثبت‌نام در میز خدمت با احراز هویت.' },
        production: { description: 'استعلام خودکار سوابق و تعیین مبلغ مقرری.' },
        delivery: { description: 'اعلام نتیجه با پیامک؛ واریز مقرری به حساب متقاضی.' },
        legalDeadlineDays: 20,
        normDays: 10,
        extensionAllowed: false,
      },
      complaintRoute: 'کمیته استانی بیمه بیکاری؛ سامانه ۱۱۱',
      maturity: { level: 'integrated' },
    }),
  },

  // The organisation --------------------------------------------------------------------------
  {
    agency: 'organisation',
    author: 'admin.org',
    approvedDaysAgo: 110,
    category: 'education.skills',
    content: ({ law }) => ({
      title: 'صدور المثنی گواهی‌نامه مهارت',
      titleEn: 'Duplicate skill certificate',
      description: 'صدور نسخه المثنی گواهی‌نامه مهارت فنی و حرفه‌ای در صورت مفقود شدن یا فرسودگی.',
      recipients: ['G2C'],
      nature: 'sovereign',
      level: 'national',
      lifeEvents: ['education', 'employment'],
      startMode: 'on_request',
      legalBasis: [law('management', '29')],
      documents: [
        { title: 'کارت ملی', mandatory: true },
        { title: 'تصویر گواهی‌نامه فرسوده', mandatory: false },
      ],
      inquiries: [],
      identity: { personTypes: ['real'], assuranceLevel: 'substantial' },
      fees: [{ title: 'هزینه صدور المثنی', amountRials: 3_000_000, legalBasis: [law('fees', '3')], sheba: TREASURY_2 }],
      inPersonVisits: { count: 0 },
      channels: {
        information: ['web'],
        request: ['web', 'counter'],
        delivery: ['post'],
        ...web('https://portal.irantvto.ir/duplicate'),
      },
      process: {
        start: { description: 'ثبت درخواست و پرداخت هزینه در میز خدمت.' },
        production: { description: 'تطبیق با بانک گواهی‌نامه‌ها و چاپ المثنی.' },
        delivery: { description: 'ارسال گواهی‌نامه با پست سفارشی.' },
        legalDeadlineDays: 10,
        normDays: 7,
        extensionAllowed: false,
      },
      complaintRoute: 'واحد رسیدگی به شکایات سازمان؛ سامانه ۱۱۱',
      offices: [
        {
          name: 'ستاد سازمان آموزش فنی و حرفه‌ای',
          address: 'تهران، خیابان آزادی، خیابان خوش شمالی، پلاک ۹۷',
          hours: HQ_HOURS,
          phone: '۰۲۱-۶۶۵۶۹۹۰۰',
          province: 'تهران',
        },
      ],
      maturity: { level: 'transactional' },
    }),
  },
  {
    agency: 'organisation',
    author: 'admin.org',
    approvedDaysAgo: 70,
    category: 'business.licences',
    content: ({ agency, law }) => ({
      title: 'صدور پروانه تأسیس آموزشگاه آزاد فنی و حرفه‌ای',
      titleEn: 'Licence for a private vocational training institute',
      description: 'صدور پروانه تأسیس آموزشگاه آزاد برای اشخاص حقیقی و حقوقی واجد شرایط.',
      recipients: ['G2B', 'G2C'],
      nature: 'sovereign',
      level: 'national',
      lifeEvents: ['business'],
      startMode: 'on_request',
      legalBasis: [law('business', '7'), law('business', '24')],
      documents: [
        { title: 'مدرک تحصیلی و مهارتی مؤسس', mandatory: true },
        { title: 'سند یا اجاره‌نامه محل آموزشگاه', mandatory: true },
        {
          title: 'گواهی عدم سوء پیشینه',
          mandatory: true,
          byInquiry: true,
          evidenceType: 'گواهی عدم سوء پیشینه',
          providerAgencyId: agency.ministry,
        },
      ],
      inquiries: [{ agencyId: agency.ministry, data: 'سابقه تخلفات کارگاهی مؤسس', mode: 'process' }],
      identity: { personTypes: ['real', 'legal'], assuranceLevel: 'high' },
      fees: [
        { title: 'هزینه صدور پروانه', amountRials: 50_000_000, legalBasis: [law('fees', '3')], sheba: TREASURY_2 },
        { title: 'هزینه بازدید کارشناسی', amountRials: 8_500_000, legalBasis: [law('fees', '8')], sheba: TREASURY_2 },
      ],
      inPersonVisits: { count: 1, reason: 'بازدید کارشناس از محل آموزشگاه' },
      channels: {
        information: ['web', 'call_centre'],
        request: ['web'],
        delivery: ['web', 'in_person'],
        ...web('https://mojavez.ir'),
      },
      process: {
        start: { description: 'ثبت درخواست در درگاه ملی مجوزها.' },
        production: { description: 'بررسی مدارک، بازدید از محل و تصویب در کمیسیون.' },
        delivery: { description: 'صدور پروانه الکترونیکی در درگاه ملی مجوزها.' },
        legalDeadlineDays: 30,
        normDays: 25,
        extensionAllowed: true,
        extensionTermDays: 15,
      },
      complaintRoute: 'هیئت مقررات‌زدایی و بهبود محیط کسب‌وکار؛ سامانه ۱۱۱',
      maturity: { level: 'interactive' },
    }),
  },
  {
    agency: 'organisation',
    author: 'admin.org',
    approvedDaysAgo: 50,
    category: 'education.skills',
    content: ({ law }) => ({
      title: 'استعلام اصالت گواهی‌نامه مهارت',
      titleEn: 'Skill certificate verification',
      description: 'پاسخ برخط به استعلام دستگاه‌های اجرایی درباره اصالت گواهی‌نامه‌های مهارت صادرشده.',
      recipients: ['G2G'],
      nature: 'sovereign',
      level: 'national',
      lifeEvents: ['other'],
      startMode: 'on_request',
      legalBasis: [law('eGovernment', '3')],
      documents: [],
      inquiries: [],
      fees: [],
      inPersonVisits: { count: 0 },
      channels: {
        information: ['web'],
        request: ['web'],
        delivery: ['web'],
        ...web('https://gsb.irantvto.ir/certificate-inquiry'),
      },
      process: {
        start: { description: 'درخواست سامانه دستگاه متقاضی از طریق گذرگاه خدمات دولت.' },
        production: { description: 'جست‌وجوی خودکار در بانک گواهی‌نامه‌ها.' },
        delivery: { description: 'پاسخ برخط به سامانه متقاضی.' },
        legalDeadlineDays: 2,
        normDays: 1,
        extensionAllowed: false,
      },
      complaintRoute: 'مرکز فناوری اطلاعات سازمان',
      maturity: { level: 'smart' },
    }),
  },
  {
    agency: 'organisation',
    author: 'admin.org',
    approvedDaysAgo: 30,
    category: 'education.skills',
    content: ({ law, day }) => ({
      title: 'تأیید صلاحیت مربیان آموزشگاه‌های آزاد',
      description: 'ارزیابی و تأیید صلاحیت فنی و آموزشی مربیان آموزشگاه‌های آزاد فنی و حرفه‌ای.',
      recipients: ['G2C'],
      nature: 'sovereign',
      level: 'national',
      lifeEvents: ['employment', 'education'],
      startMode: 'on_request',
      legalBasis: [law('management', '8')],
      documents: [
        { title: 'کارت ملی', mandatory: true },
        { title: 'مدرک تحصیلی', mandatory: true },
        { title: 'گواهی سابقه تدریس', mandatory: false },
      ],
      inquiries: [],
      identity: { personTypes: ['real'], assuranceLevel: 'low' },
      fees: [
        { title: 'هزینه آزمون صلاحیت', amountRials: 1_500_000, legalBasis: [law('fees', '3')], sheba: TREASURY_2 },
      ],
      inPersonVisits: { count: 2, reason: 'تحویل مدارک و شرکت در آزمون عملی' },
      channels: { information: ['counter', 'call_centre'], request: ['in_person'], delivery: ['in_person'] },
      process: {
        start: { description: 'تحویل مدارک در اداره کل استان.' },
        production: { description: 'آزمون کتبی و عملی و بررسی در کمیته صلاحیت.' },
        delivery: { description: 'صدور کارت مربیگری حضوری.' },
        legalDeadlineDays: 45,
        normDays: 30,
        extensionAllowed: false,
      },
      complaintRoute: 'کمیته صلاحیت مربیان سازمان',
      offices: [
        {
          name: 'اداره آزمون و صلاحیت مربیان',
          address: 'تهران، خیابان آزادی، خیابان خوش شمالی، پلاک ۹۷، طبقه سوم',
          hours: 'شنبه تا سه‌شنبه، ساعت ۸ تا ۱۳',
          phone: '۰۲۱-۶۶۵۶۹۹۴۴',
          province: 'تهران',
        },
      ],
      maturity: {
        level: 'non_electronic',
        plannedDate: day(300),
        reason: 'سامانه آزمون برخط مربیان در دست ساخت است و آزمون عملی فعلاً حضوری برگزار می‌شود.',
      },
    }),
  },

  // The Tehran provincial office -------------------------------------------------------------
  {
    agency: 'provincial',
    author: 'admin.tehran',
    approvedDaysAgo: 45,
    category: 'education.skills',
    content: ({ law }) => ({
      title: 'ثبت‌نام در دوره‌های آموزشی کوتاه‌مدت نیمسال دوم ۱۴۰۴',
      titleEn: 'Enrolment in short training courses',
      description: 'ثبت‌نام در دوره‌های کوتاه‌مدت مراکز آموزش فنی و حرفه‌ای استان تهران برای نیمسال دوم ۱۴۰۴.',
      recipients: ['G2C'],
      nature: 'supportive',
      level: 'provincial',
      lifeEvents: ['education', 'employment'],
      startMode: 'scheduled',
      legalBasis: [law('management', '13')],
      documents: [{ title: 'کارت ملی', mandatory: true }],
      inquiries: [],
      identity: { personTypes: ['real'], assuranceLevel: 'low' },
      fees: [{ title: 'شهریه دوره', amountRials: 12_000_000, legalBasis: [law('fees', '3')], sheba: TREASURY_2 }],
      inPersonVisits: { count: 0 },
      channels: {
        information: ['web', 'sms'],
        request: ['web', 'mobile_app'],
        delivery: ['in_person'],
        ...web('https://tehran.irantvto.ir/enrol'),
      },
      process: {
        start: { description: 'ثبت‌نام برخط در بازه اعلام‌شده.' },
        production: { description: 'تخصیص کلاس و نوبت بر پایه ظرفیت.' },
        delivery: { description: 'اعلام کلاس با پیامک؛ آموزش حضوری در مرکز.' },
        legalDeadlineDays: 5,
        normDays: 3,
        extensionAllowed: false,
      },
      complaintRoute: 'واحد ارتباطات مردمی اداره کل استان تهران',
      offices: [
        {
          name: 'مرکز آموزش فنی و حرفه‌ای شماره ۱ تهران',
          address: 'تهران، میدان انقلاب، خیابان کارگر جنوبی، پلاک ۴۰',
          hours: 'شنبه تا پنجشنبه، ساعت ۸ تا ۱۸',
          phone: '۰۲۱-۶۶۹۳۰۰۰۰',
          province: 'تهران',
        },
        {
          name: 'مرکز آموزش فنی و حرفه‌ای شماره ۲ تهران (شهرری)',
          address: 'شهرری، بزرگراه آیت‌الله سعیدی، خیابان فنی و حرفه‌ای',
          hours: 'شنبه تا چهارشنبه، ساعت ۸ تا ۱۶',
          province: 'تهران',
        },
      ],
      maturity: { level: 'transactional' },
    }),
  },
  {
    agency: 'provincial',
    author: 'admin.tehran',
    approvedDaysAgo: 25,
    category: 'business.employment',
    content: ({ law, day }) => ({
      title: 'بازدید ایمنی از کارگاه',
      titleEn: 'Workshop safety inspection',
      description: 'بازدید بازرسان ایمنی از کارگاه به درخواست کارفرما و صدور گزارش ایمنی.',
      recipients: ['G2B'],
      nature: 'sovereign',
      level: 'provincial',
      lifeEvents: ['business'],
      startMode: 'on_request',
      legalBasis: [law('management', '8')],
      documents: [
        { title: 'پروانه بهره‌برداری کارگاه', mandatory: true },
        { title: 'نقشه جانمایی کارگاه', mandatory: false },
      ],
      inquiries: [],
      identity: { personTypes: ['legal', 'real'], assuranceLevel: 'substantial' },
      fees: [],
      inPersonVisits: { count: 1, reason: 'بازدید بازرس در محل کارگاه' },
      channels: { information: ['call_centre', 'counter'], request: ['counter', 'in_person'], delivery: ['post'] },
      process: {
        start: { description: 'ثبت درخواست در دفتر پیشخوان یا اداره کل.' },
        production: { description: 'بازدید بازرس و تهیه گزارش.' },
        delivery: { description: 'ارسال گزارش ایمنی با پست.' },
        legalDeadlineDays: 20,
        normDays: 10,
        extensionAllowed: false,
      },
      complaintRoute: 'اداره بازرسی کار استان تهران',
      offices: [
        {
          name: 'اداره بازرسی ایمنی استان تهران',
          address: 'تهران، خیابان شهید بهشتی، خیابان سرافراز، پلاک ۱۸',
          hours: HQ_HOURS,
          phone: '۰۲۱-۸۸۷۳۴۵۶۷',
          province: 'تهران',
        },
      ],
      maturity: {
        level: 'non_electronic',
        exemption: { reference: 'مصوبه کارگروه دولت الکترونیک ۱۴۰۳/۱۲۷', approvedOn: day(-240) },
      },
    }),
  },
  {
    agency: 'provincial',
    author: 'admin.tehran',
    approvedDaysAgo: 15,
    category: 'education.skills',
    content: ({ law, day }) => ({
      title: 'برگزاری آزمون مهارت برای کارجویان',
      description: 'برگزاری آزمون کتبی و عملی مهارت برای کارجویان آزاد در مراکز استان تهران.',
      recipients: ['G2C'],
      nature: 'supportive',
      level: 'provincial',
      lifeEvents: ['employment'],
      startMode: 'scheduled',
      legalBasis: [law('management', '13')],
      documents: [{ title: 'کارت ملی', mandatory: true }],
      inquiries: [],
      identity: { personTypes: ['real'], assuranceLevel: 'low' },
      fees: [{ title: 'هزینه آزمون', amountRials: 2_000_000, legalBasis: [law('fees', '3')], sheba: TREASURY_2 }],
      inPersonVisits: { count: 1, reason: 'شرکت در آزمون عملی' },
      channels: {
        information: ['web', 'sms'],
        request: ['counter', 'in_person'],
        delivery: ['in_person'],
        ...web('https://tehran.irantvto.ir/exams'),
      },
      process: {
        start: { description: 'ثبت‌نام حضوری یا در دفتر پیشخوان.' },
        production: { description: 'برگزاری آزمون کتبی و عملی.' },
        delivery: { description: 'اعلام نتیجه و صدور گواهی‌نامه.' },
        legalDeadlineDays: 30,
        normDays: 21,
        extensionAllowed: false,
      },
      complaintRoute: 'واحد ارتباطات مردمی اداره کل استان تهران',
      offices: [
        {
          name: 'مرکز سنجش مهارت استان تهران',
          address: 'تهران، خیابان کارگر شمالی، پلاک ۱۲۰',
          hours: 'شنبه تا چهارشنبه، ساعت ۸ تا ۱۵',
          phone: '۰۲۱-۸۸۳۳۲۲۱۱',
          province: 'تهران',
        },
      ],
      maturity: {
        level: 'informational',
        plannedDate: day(150),
        reason: 'ثبت‌نام برخط پس از اتصال به درگاه پرداخت استان راه‌اندازی می‌شود.',
      },
    }),
  },
];

const DAY_MS = 24 * 3600 * 1000;

/**
 * The public catalogue's demo services (see CARDS): each card checked as the API checks it (the
 * draft schema and every submission rule) before it is written as approved.
 */
export async function seedCards(tx: Tx, s: CatalogueSeed): Promise<void> {
  const law = (key: LawKey, article: string): LawRef => {
    const lawId = s.lawIds[key];
    if (!lawId) throw new Error(`seed: law "${key}" is not in the register`);
    return { lawId, article };
  };
  for (const card of CARDS) {
    const day = (n: number) => jalaliDateString(new Date(s.now.getTime() + n * DAY_MS));
    const raw = card.content({ agency: s.agencyIds, law, day }) as Record<string, unknown>;
    const categoryId = s.categoryIds[card.category]; // absent when the architecture is not seeded
    const content = ServiceCardContent.parse(categoryId ? { ...raw, classification: { categoryId } } : raw);
    const problems = validateCardForSubmission(content);
    if (problems.length) throw new Error(`seed: card "${content.title}" is incomplete: ${JSON.stringify(problems)}`);
    const createdBy = s.staffIds[card.author];
    if (!createdBy) throw new Error(`seed: staff "${card.author}" is not seeded`);
    await seedApprovedCard(tx, s, {
      agencyId: s.agencyIds[card.agency],
      createdBy,
      content,
      approvedAt: new Date(s.now.getTime() - card.approvedDaysAgo * DAY_MS),
    });
  }
}
