import { demoDataSeeded, reportSkipped, staffSessionInfo } from './support/api';
import { DEMO_PASSWORD, DESK_CLERK, PLATFORM_ADMIN } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { cartableLoaded, check, pathname, staffSignsIn, visible } from './support/pages';
import { snap } from './support/screenshots';

/**
 * Administration, in Persian on a desktop: a platform administrator checks a legal id, adds a unit
 * and a desk clerk to an agency, and the new clerk can sign in; staff without an administrator
 * role see no link and are told plainly. Needs the demo data (NODE_ENV=development).
 */

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('admin.e2e.ts', seeded);

describe.skipIf(!seeded)('administration', () => {
  test('a platform administrator adds a unit and a desk clerk, who can then sign in', async ({ openPage, baseURL }) => {
    const admin = await staffSessionInfo(baseURL, PLATFORM_ADMIN.username, PLATFORM_ADMIN.password);
    const agencyName = admin.agency!.name;
    const suffix = Date.now().toString(36);

    const page = await openPage('desktop');
    await page.goto('/admin');
    await staffSignsIn(page, 'desktop', PLATFORM_ADMIN, 'admin', 'مدیریت سامانه');
    expect(pathname(page)).toBe('/admin');
    await visible(page.getByRole('navigation', { name: 'ناوبری اصلی' }).getByRole('link', { name: 'مدیریت سامانه' }));
    const agencies = page.getByRole('region', { name: 'دستگاه‌ها' });
    await visible(agencies.getByRole('link', { name: agencyName }));
    await check(page, 'desktop', 'admin fa');
    await snap(page, 'desktop-admin-fa');

    // A new agency with a mistyped legal id is stopped at that field, before anything is sent.
    await page.getByRole('button', { name: 'دستگاه تازه' }).click();
    const newAgency = page.getByRole('region', { name: 'دستگاه تازه' });
    await newAgency.getByRole('textbox', { name: 'شناسهٔ ملی' }).fill('۱۰۱۰۳۴۵۶۷۸۰');
    await newAgency.getByRole('button', { name: 'ثبت دستگاه' }).click();
    const legalId = newAgency.getByRole('textbox', { name: 'شناسهٔ ملی' });
    await expect.poll(() => legalId.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => legalId.evaluate((el) => el === document.activeElement)).toBe(true);
    await visible(newAgency.getByText('این شناسهٔ ملی معتبر نیست', { exact: false }).first());
    await check(page, 'desktop', 'admin new agency errors fa');
    await newAgency.getByRole('button', { name: 'انصراف' }).click();

    // The agency: its unit tree and staff; add a unit and a desk clerk.
    await agencies.getByRole('link', { name: agencyName }).click();
    await visible(page.getByRole('heading', { level: 1, name: agencyName }));
    const units = page.getByRole('region', { name: 'واحدهای سازمانی' });
    await visible(units.getByRole('list').first());
    await units.getByRole('button', { name: 'واحد تازه' }).click();
    const unitForm = page.getByRole('region', { name: 'واحد تازه' });
    const unitName = `واحد آزمایشی ${suffix}`;
    await unitForm.getByRole('textbox', { name: 'نام فارسی' }).fill(unitName);
    await unitForm.getByRole('button', { name: 'ثبت واحد' }).click();
    await visible(units.getByText(unitName));
    // …and rename it.
    await units.getByRole('button', { name: `ویرایش واحد ${unitName}` }).click();
    const editForm = page.getByRole('region', { name: `ویرایش واحد ${unitName}` });
    const renamed = `${unitName} بازنگری‌شده`;
    await editForm.getByRole('textbox', { name: 'نام فارسی' }).fill(renamed);
    await editForm.getByRole('button', { name: 'ذخیره تغییرات' }).click();
    await visible(units.getByText(renamed));

    const staff = page.getByRole('region', { name: 'کارکنان' });
    await staff.getByRole('button', { name: 'کارمند تازه' }).click();
    const staffForm = page.getByRole('region', { name: 'کارمند تازه' });
    const username = `clerk.e2e.${suffix}`;
    await staffForm.getByRole('textbox', { name: 'نام و نام خانوادگی' }).fill('کارمند آزمایشی');
    await staffForm.getByRole('textbox', { name: 'نام کاربری' }).fill(username);
    await staffForm.getByLabel('گذرواژهٔ نخست').fill(DEMO_PASSWORD);
    await staffForm.getByRole('combobox', { name: 'نقش' }).selectOption({ label: 'کارمند میز خدمت' });
    await staffForm.getByRole('combobox', { name: 'واحد' }).selectOption({ label: renamed });
    await staffForm.getByRole('button', { name: 'ثبت کارمند' }).click();
    const row = staff.getByRole('listitem').filter({ hasText: username });
    await visible(row);
    await visible(row.getByText('کارمند میز خدمت', { exact: false }));
    await check(page, 'desktop', 'admin agency fa');
    await snap(page, 'desktop-admin-agency-fa');

    // The new clerk signs in to an (empty or not) cartable of that agency.
    const clerk = await openPage('desktop');
    await clerk.goto('/staff');
    await staffSignsIn(clerk, 'desktop', { username, password: DEMO_PASSWORD }, 'new clerk');
    await cartableLoaded(clerk);
  });

  test('staff without an administrator role see no link and are told they have no access', async ({ openPage }) => {
    const page = await openPage('phone');
    await page.goto('/staff');
    await staffSignsIn(page, 'phone', DESK_CLERK, 'clerk');
    expect(await page.locator('#primary-nav').getByRole('link', { name: 'مدیریت سامانه' }).count()).toBe(0);
    await page.goto('/admin');
    await visible(page.getByRole('heading', { level: 2, name: 'به این بخش دسترسی ندارید' }));
    await check(page, 'phone', 'admin forbidden fa');
  });
});
