import type { Actor } from '../platform/actor';
import type { AppContext } from '../platform/context';
import { withTransaction } from '../platform/db';
import { issueDocument, prepareDocument } from '../modules/documents';
// The seed is a developer tool beside the modules (like the test factories): it reads their
// repositories and makes the demo signer's key as the signer would.
import { keysOfStaff } from '../modules/documents/documents.repository';
import { agencyHasDocuments } from '../modules/documents/inbox.repository';
import { createSignerKey } from '../modules/documents/signing.service';
import * as orgRepo from '../modules/organisation/organisation.repository';

/*
 * Demo documents (issue 10): the organisation's unit manager is a signer with a signing key sealed
 * under the demo PIN, and three documents of her agency wait for her signature (two letters and a
 * receipt, rendered and recorded as any module issues them). Outside the seed's transaction: the
 * blob store and the key's own transaction use the database's handle (ADR 0023). Each part is done
 * only when missing, so a start after an interrupted seed finishes it and a second start adds nothing.
 */

/** The demo signer's username and PIN (README, and the start-up message). */
export const DEMO_SIGNER = { username: 'manager.org', pin: '140414' } as const;

const AGENCY = {
  name: 'سازمان آموزش فنی و حرفه‌ای کشور',
  unit: 'اداره صدور گواهی‌نامه‌های مهارت',
  address: 'تهران، خیابان آزادی، نبش خیابان خوش',
  phone: '۰۲۱-۶۶۵۶۹۹۰۰',
  website: 'https://irantvto.ir',
};

function demoDocuments(now: Date) {
  const day = 86_400_000;
  return [
    {
      kind: 'letter' as const,
      data: {
        title: 'پاسخ به استعلام اعتبار گواهی‌نامه مهارت',
        agency: AGENCY,
        letter: {
          number: '۱۲۴۵/ص/۱۴۰۴',
          date: new Date(now.getTime() - 2 * day),
          recipient: 'جناب آقای مهندس کامرانی',
          recipientLines: ['مدیر محترم منابع انسانی شرکت صنایع ریلی پارس'],
          subject: 'پاسخ به استعلام اعتبار گواهی‌نامه مهارت آقای علی رضایی',
          salutation: 'با سلام و احترام،',
          paragraphs: [
            'بازگشت به نامه شماره ۳۲۱۰/ر مورخ ۱۴۰۴/۰۲/۱۰ در خصوص استعلام اعتبار گواهی‌نامه مهارت «جوشکاری سازه‌های فولادی» به شماره ۹۸۷۶۵۴۳۲۱ صادره برای آقای علی رضایی به کد ملی ۰۰۱۳۵۴۲۴۱۹، به آگاهی می‌رساند گواهی‌نامه یادشده در تاریخ ۱۴۰۲/۱۱/۲۰ پس از گذراندن آزمون‌های کتبی و عملی صادر شده و تا امروز معتبر است.',
            'این پاسخ به صورت الکترونیکی امضا شده است و درستی آن با کد تصدیق درج‌شده در پایین برگه، یا با نشانی تصویر QR، در درگاه قابل بررسی است.',
          ],
          signatory: { name: 'زینب مرادی', title: 'مدیر اداره صدور گواهی‌نامه‌های مهارت' },
          copies: ['بایگانی اداره صدور گواهی‌نامه‌ها'],
        },
      },
    },
    {
      kind: 'letter' as const,
      data: {
        title: 'ابلاغ برنامه آزمون‌های مهارت فصل تابستان',
        agency: AGENCY,
        letter: {
          number: '۱۲۵۰/ص/۱۴۰۴',
          date: new Date(now.getTime() - day),
          recipient: 'مدیران کل محترم آموزش فنی و حرفه‌ای استان‌ها',
          subject: 'برنامه برگزاری آزمون‌های کتبی و عملی مهارت در فصل تابستان ۱۴۰۴',
          salutation: 'با سلام و احترام،',
          paragraphs: [
            'به پیوست برنامه آزمون‌های کتبی و عملی مهارت در ۳۲ رشته برای فصل تابستان ابلاغ می‌شود. آزمون‌های کتبی در نخستین پنجشنبه هر ماه و آزمون‌های عملی در دو هفته پس از آن برگزار خواهد شد.',
            'خواهشمند است دستور فرمایید ثبت‌نام داوطلبان از طریق درگاه تا ده روز پیش از هر آزمون انجام و فهرست حوزه‌های آزمون به این اداره اعلام شود.',
          ],
          signatory: { name: 'زینب مرادی', title: 'مدیر اداره صدور گواهی‌نامه‌های مهارت' },
          copies: ['معاونت آموزش', 'دفتر برنامه‌ریزی و توسعه منابع'],
        },
      },
    },
    {
      kind: 'receipt' as const,
      data: {
        title: 'رسید درخواست صدور المثنی گواهی‌نامه مهارت',
        agency: AGENCY,
        receipt: {
          trackingCode: '1404-0512-000731',
          serviceName: 'صدور المثنی گواهی‌نامه مهارت',
          applicantName: 'زهرا محمدی',
          receivedAt: new Date(now.getTime() - 3 * day),
          answerDueAt: new Date(now.getTime() + 4 * day),
          fee: 450000,
          fields: [
            { label: 'کد ملی', value: '0010350829' },
            { label: 'شماره گواهی‌نامه', value: '123456789' },
          ],
          notes: ['این رسید را تا پایان کار نگه دارید.'],
        },
      },
    },
  ];
}

/**
 * The demo signer's key (demo PIN) and the documents waiting for her signature; nothing when the
 * demo staff do not exist (no demo seed) or when it was done already.
 */
export async function seedDemoDocuments(ctx: AppContext): Promise<void> {
  if (ctx.config.NODE_ENV === 'production') return;
  // One process at a time (a server and a worker starting together would each issue them).
  await ctx.database.withAdvisoryLock('dargah:seed-demo-documents', () => seedUnlocked(ctx));
}

async function seedUnlocked(ctx: AppContext): Promise<void> {
  const db = ctx.database.db;
  const staff = await orgRepo.findStaffByUsername(db, DEMO_SIGNER.username);
  const grants = staff ? await orgRepo.roleGrants(db, staff.id) : [];
  const agencyId = grants[0]?.agencyId;
  if (!staff || !agencyId) return;
  const actor: Actor = { type: 'staff', id: staff.id, onBehalfOfId: null, agencyId, grants, sessionId: null };
  // No test authority (a trust store from files): no demo key, and the documents would wait for nobody.
  const hasKey = (await keysOfStaff(db, staff.id)).length > 0;
  if (
    !hasKey &&
    !(await createSignerKey(ctx, actor, { pin: DEMO_SIGNER.pin }, {}).then(
      () => true,
      () => false,
    ))
  )
    return;
  if (await agencyHasDocuments(db, agencyId)) return;
  const who = { actor: { type: 'system' as const, id: 'demo-seed' }, origin: {}, at: ctx.clock.now() };
  for (const d of demoDocuments(ctx.clock.now())) {
    const prepared = await prepareDocument(ctx, { kind: d.kind, agencyId, data: d.data });
    await withTransaction(ctx.database, (tx) => issueDocument(ctx, tx, who, prepared));
  }
}
