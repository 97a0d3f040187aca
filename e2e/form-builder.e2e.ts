import { apiOf, demoDataSeeded, must, reportSkipped, staffSessionInfo } from './support/api';
import { CITIZENS, MINISTRY_ADMIN } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { check, citizenSignsIn, staffSignsIn, visible } from './support/pages';
import { fillServiceForm } from './support/service-form';
import { snap } from './support/screenshots';

/**
 * The form builder (issue 11 item 2, ADR 0035), in Persian: the ministry's administrator drafts a
 * version, opens its form in the builder, adds an (optional) national-code field, a choice, and a
 * field shown only for one of its options; the phone-sized preview shows them as they are added and
 * the conditional field only once its option is chosen; saves, publishes. A citizen then applies:
 * a national code typed in Persian digits with a wrong check digit is refused at the field in
 * Persian, the right one is accepted. The added fields are optional, so the other journeys' forms
 * are unaffected. Needs the demo data.
 */

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('form-builder.e2e.ts', seeded);

describe.skipIf(!seeded)('the form builder', () => {
  test('an administrator builds a form with a national code and a conditional field; a citizen applies with Persian digits', async ({ openPage, baseURL }) => {
    const admin = await staffSessionInfo(baseURL, MINISTRY_ADMIN.username, MINISTRY_ADMIN.password);
    const ministry = admin.agency!;
    const desk = must(await apiOf(baseURL).GET('/api/v1/services', { params: { query: { agencyId: ministry.id, limit: 100 } } }), 'the desk services').items;
    const service = desk.find((s) => s.catalogueServiceId && s.availability === 'open');
    expect(service, 'the demo has an open, linked ministry service').toBeDefined();
    const before = service!.formSchema;

    const page = await openPage('desktop');
    await page.goto('/admin');
    await staffSignsIn(page, 'desktop', MINISTRY_ADMIN, 'form builder', 'مدیریت سامانه');
    await page.goto(`/admin/agencies/${ministry.id}/services/${service!.id}/versions`);
    const newDraft = page.getByRole('button', { name: 'پیش‌نویس نسخه‌ی تازه' });
    await visible(page.getByRole('list', { name: 'نسخه‌های خدمت، تازه‌ترین نخست' }));
    if ((await newDraft.count()) > 0) await newDraft.click();
    await page.getByRole('link', { name: 'ساخت فرم با پیش‌نمایش' }).click();
    await visible(page.getByRole('heading', { level: 2, name: 'فیلدهای فرم' }));

    const fields = page.getByRole('list', { name: 'فیلدهای فرم' });
    const preview = page.getByTestId('form-preview');
    const add = async (title: string, name: string, type: string) => {
      await page.getByRole('button', { name: 'افزودن فیلد', exact: true }).click();
      const item = fields.getByRole('listitem').last();
      await item.getByRole('textbox', { name: 'عنوان فیلد' }).fill(title);
      await item.getByRole('textbox', { name: 'نام لاتین فیلد' }).fill(name);
      await item.getByRole('combobox', { name: 'نوع فیلد' }).selectOption({ label: type });
      return item;
    };
    await add('کد ملی همسر', 'spouseCode', 'کد ملی');
    await visible(preview.getByRole('textbox', { name: /کد ملی همسر/ }));
    const kind = await add('نوع متقاضی', 'applicantKind', 'گزینه‌ای');
    await kind.getByRole('textbox', { name: /گزینه‌ها/ }).fill('حقیقی\nحقوقی');
    const company = await add('شناسه ملی شرکت', 'companyId', 'شناسهٔ ملی حقوقی');
    await company.getByRole('checkbox', { name: 'الزامی' }).check();
    await company.getByRole('combobox', { name: 'نمایش فقط وقتی' }).selectOption({ label: 'نوع متقاضی' });
    await company.getByRole('combobox', { name: 'مقدار آن برابر باشد با' }).selectOption({ label: 'حقوقی' });

    // The preview: the conditional field appears only once its option is chosen.
    await visible(preview.getByRole('group', { name: /نوع متقاضی/ }));
    expect(await preview.getByRole('textbox', { name: /شناسه ملی شرکت/ }).count()).toBe(0);
    await preview.getByRole('radio', { name: 'حقوقی', exact: true }).check();
    await visible(preview.getByRole('textbox', { name: /شناسه ملی شرکت/ }));
    await check(page, 'desktop', 'form builder fa');
    await snap(page, 'desktop-form-builder-fa');

    await page.getByRole('button', { name: 'ذخیره در پیش‌نویس' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'فرم در پیش‌نویس ذخیره شد.' }));

    await page.getByRole('link', { name: 'بازگشت به نسخه‌ها' }).click();
    await page.getByRole('form', { name: 'ویرایش پیش‌نویس' }).getByRole('button', { name: 'انتشار' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'انتشار' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'منتشر شد' }));

    // A citizen applies: a wrong national code in Persian digits is refused at its field, in Persian.
    const citizenPage = await openPage('desktop');
    await citizenPage.goto(`/me/services/${service!.id}/apply`);
    await citizenSignsIn(citizenPage, 'desktop', baseURL, CITIZENS.desktop);
    await visible(citizenPage.getByRole('heading', { level: 1, name: service!.title, exact: true }));
    await fillServiceForm(citizenPage, before, CITIZENS.desktop);
    const form = citizenPage.locator('main form');
    const spouse = form.getByRole('textbox', { name: /کد ملی همسر/ });
    await spouse.fill('۰۰۱۳۵۴۲۴۱۸');
    await expect.poll(() => spouse.inputValue()).toBe('۰۰۱۳۵۴۲۴۱۸');
    await citizenPage.getByRole('button', { name: 'ثبت درخواست' }).click();
    // At the field (tied to the control), and in the summary at the top as a link to it.
    await visible(form.locator('#f-spouseCode__error').getByText('کد ملی ۱۰ رقم است و رقم آخرش رقم کنترل است', { exact: false }));
    await visible(form.getByRole('link', { name: /^کد ملی همسر: کد ملی ۱۰ رقم است/ }));
    expect(await spouse.getAttribute('aria-invalid')).toBe('true');
    await check(citizenPage, 'desktop', 'apply with a wrong national code fa');
    await snap(citizenPage, 'desktop-apply-wrong-national-code-fa');

    await spouse.fill('۰۰۱۳۵۴۲۴۱۹');
    await form.getByRole('radio', { name: 'حقیقی', exact: true }).check();
    await citizenPage.getByRole('button', { name: 'ثبت درخواست' }).click();
    await visible(citizenPage.getByRole('heading', { level: 1, name: 'رسید درخواست' }));
  });
});
