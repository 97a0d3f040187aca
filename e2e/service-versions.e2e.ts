import { apiOf, demoDataSeeded, must, reportSkipped, staffClient, staffSessionInfo } from './support/api';
import { MINISTRY_ADMIN } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { check, staffSignsIn, toPersianDigits, visible } from './support/pages';
import { snap } from './support/screenshots';

/**
 * A desk service's versions, in Persian on a desktop: the ministry's administrator opens a service's
 * versions from the agency page, drafts a new version from the published one (version 2, or later
 * when another journey such as the form builder's published one first), sees the server's problems
 * with a form missing a field title listed at their paths, fixes it, sees an answer template's unknown
 * placeholder at its place, inserts one from the list and previews the answer as a PDF, saves, and publishes after
 * confirming; the one before is then retired. The form is the same as version 1's, so the other journeys' requests
 * are unaffected. Needs the demo data.
 */

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('service-versions.e2e.ts', seeded);

describe.skipIf(!seeded)('a desk service’s versions', () => {
  test('the administrator drafts, corrects, saves and publishes a version', async ({ openPage, baseURL }) => {
    const admin = await staffSessionInfo(baseURL, MINISTRY_ADMIN.username, MINISTRY_ADMIN.password);
    const ministry = admin.agency!;
    const desk = must(await apiOf(baseURL).GET('/api/v1/services', { params: { query: { agencyId: ministry.id, limit: 100 } } }), 'the desk services').items;
    const service = desk.find((s) => s.catalogueServiceId && s.availability === 'open');
    expect(service, 'the demo has an open, linked ministry service').toBeDefined();

    const page = await openPage('desktop');
    await page.goto('/admin');
    await staffSignsIn(page, 'desktop', MINISTRY_ADMIN, 'service versions', 'مدیریت سامانه');
    await page.getByRole('region', { name: 'دستگاه‌ها' }).getByRole('link', { name: ministry.name, exact: true }).click();
    await page.getByRole('link', { name: `نسخه‌های خدمت «${service!.title}»` }).click();
    await visible(page.getByRole('heading', { level: 1 }));
    const versions = page.getByRole('list', { name: 'نسخه‌های خدمت، تازه‌ترین نخست' });
    const first = versions.getByRole('listitem').first();
    await visible(first.getByText('منتشرشده'));
    await check(page, 'desktop', 'service versions fa');

    await page.getByRole('button', { name: 'پیش‌نویس نسخه‌ی تازه' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'از آخرین نسخه ساخته شد' }));
    const { api } = await staffClient(baseURL, MINISTRY_ADMIN.username, MINISTRY_ADMIN.password);
    const listed = must(await api.GET('/api/v1/services/{id}/versions', { params: { path: { id: service!.id } } }), 'the versions');
    const no = listed.items.find((v) => v.state === 'draft')!.versionNo;
    const [draftNo, previousNo] = [toPersianDigits(String(no)), toPersianDigits(String(no - 1))];
    const editor = page.getByRole('form', { name: 'ویرایش پیش‌نویس' });
    const schema = editor.getByRole('textbox', { name: 'فرم (JSON Schema)' });
    const original = await schema.inputValue();
    const parsed = JSON.parse(original) as { properties: Record<string, { title?: string }> };
    const [name] = Object.keys(parsed.properties);
    delete parsed.properties[name!]!.title;
    await schema.fill(JSON.stringify(parsed, null, 2));
    await editor.getByRole('button', { name: 'ذخیره‌ی پیش‌نویس' }).click();
    const problems = editor.getByRole('list', { name: 'ایرادهای فرم' });
    await visible(problems.getByText(`properties.${name}.title`, { exact: false }));
    await visible(problems.getByText('هر فیلد به عنوانی برای نمایش نیاز دارد', { exact: false }));
    await check(page, 'desktop', 'service version problems fa');
    await snap(page, 'desktop-service-version-problems-fa');

    await schema.fill(original);

    // The answer's template (ADR 0038): an unknown placeholder is shown at the field with its place;
    // a placeholder is inserted from the list at the caret; the answer is previewed as a PDF. The
    // template is then emptied again (the default answer), so the other journeys' answers are unaffected.
    const template = editor.getByRole('textbox', { name: 'متن پاسخ' });
    await template.fill('پاسخ برای {{applicant.nam}}');
    await editor.getByRole('button', { name: 'ذخیره‌ی پیش‌نویس' }).click();
    const templateProblems = editor.getByRole('list', { name: 'ایرادهای قالب پاسخ' });
    await visible(templateProblems.getByText('سطر ۱، ستون ۱۱', { exact: false }));
    await check(page, 'desktop', 'service version template problems fa');
    await template.fill('پاسخ برای ');
    await editor.getByRole('button', { name: /نام درخواست‌دهنده/ }).click();
    await expect.poll(() => template.inputValue()).toBe('پاسخ برای {{applicant.name}}');
    await editor.getByRole('button', { name: 'پیش‌نمایش PDF با مقادیر نمونه' }).click();
    await visible(editor.getByRole('link', { name: 'باز کردن پیش‌نمایش (PDF)' }));
    await snap(page, 'desktop-service-version-template-fa');
    // Editing the text takes the saved text's problems away (their places no longer hold).
    expect(await editor.getByRole('list', { name: 'ایرادهای قالب پاسخ' }).count()).toBe(0);
    await page.setViewportSize({ width: 360, height: 740 });
    await check(page, 'phone', 'service version template 360px fa');
    await page.setViewportSize({ width: 1280, height: 800 });
    await template.fill('');

    await editor.getByRole('textbox', { name: /شرح تغییر/ }).fill('بازبینی متن راهنما');
    await editor.getByRole('button', { name: 'ذخیره‌ی پیش‌نویس' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'پیش‌نویس ذخیره شد.' }));

    await page.getByRole('form', { name: 'ویرایش پیش‌نویس' }).getByRole('button', { name: 'انتشار' }).click();
    const confirm = page.getByRole('dialog', { name: `انتشار نسخه‌ی ${draftNo}` });
    await visible(confirm.getByText('نسخه‌ی منتشرشده‌ی پیشین بایگانی می‌شود', { exact: false }));
    await check(page, 'desktop', 'service version publish dialog fa');
    await confirm.getByRole('button', { name: 'انتشار' }).click();
    await visible(page.getByRole('status').filter({ hasText: `نسخه‌ی ${draftNo} منتشر شد` }));
    await visible(versions.getByRole('listitem').filter({ hasText: `نسخه‌ی ${previousNo}` }).getByText('بایگانی‌شده'));
    await visible(versions.getByRole('listitem').filter({ hasText: `نسخه‌ی ${draftNo}` }).getByText('منتشرشده'));
  });
});
