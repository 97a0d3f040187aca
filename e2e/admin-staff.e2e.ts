import type { Page } from 'playwright-core';
import { demoDataSeeded, reportSkipped, staffSessionInfo } from './support/api';
import type { DeviceName } from './support/browser';
import { DEMO_PASSWORD, PROVINCIAL_ADMIN, PROVINCIAL_CLERK_NAME } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { asciiDigits, readOutbox } from './support/outbox';
import {
  cartableLoaded,
  check,
  hasPersianDigits,
  pathname,
  staffSignsIn,
  toPersianDigits,
  visible,
} from './support/pages';
import { snap } from './support/screenshots';

/**
 * Staff administration, in Persian on a desktop and on a phone: an agency administrator (not a
 * platform administrator) is offered no "new agency", creates a staff member with a role they may
 * grant, edits them, deactivates (confirmed) and reactivates the account, sends a password-reset
 * code that the staff member uses (from /dev/outbox) to set a new password and sign in, creates
 * and ends a delegation, and issues (the secret shown once) and revokes an API token. Needs the
 * demo data (NODE_ENV=development).
 */

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('admin-staff.e2e.ts', seeded);

/** The reset code most recently texted to `mobile` since `since`, waiting for the delivery job. */
async function resetCode(baseURL: string, mobile: string, since: Date): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const message = (await readOutbox(baseURL)).find(
      (m) =>
        m.recipient === mobile && m.template === 'identity.password-reset' && Date.parse(m.createdAt) >= since.getTime() - 1000,
    );
    const code = message ? /code=([0-9A-Z]{16})/.exec(asciiDigits(message.body))?.[1] : undefined;
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`No password-reset code for ${mobile} in /dev/outbox.`);
}

const confirmIn = async (page: Page, title: string, button: string) => {
  const dialog = page.getByRole('dialog', { name: title });
  await visible(dialog);
  await dialog.getByRole('button', { name: button }).click();
  await dialog.waitFor({ state: 'hidden' });
};

for (const device of ['desktop', 'phone'] as const satisfies readonly DeviceName[]) {
  describe.skipIf(!seeded)(`staff administration on ${device}`, () => {
    test('an agency administrator manages a staff member end to end', async ({ openPage, baseURL }) => {
      const admin = await staffSessionInfo(baseURL, PROVINCIAL_ADMIN.username, PROVINCIAL_ADMIN.password);
      const agencyName = admin.agency!.name;
      const suffix = `${device[0]}${Date.now().toString(36)}`;
      const username = `clerk.${suffix}`;
      const name = `پریسا آزمون ${suffix}`;
      const mobile = `0912${String(Date.now()).slice(-7)}`;

      const page = await openPage(device);
      await page.goto('/admin');
      await staffSignsIn(page, device, PROVINCIAL_ADMIN, 'agency admin', 'مدیریت سامانه');
      const agencies = page.getByRole('region', { name: 'دستگاه‌ها' });
      await visible(agencies.getByRole('link', { name: agencyName }));
      // Not a platform administrator: no way to register an agency is offered.
      expect(await page.getByRole('button', { name: 'دستگاه تازه' }).count()).toBe(0);
      await check(page, device, 'admin home (agency admin) fa');

      // A new staff member with a role the administrator may grant (and no platform-wide role offered).
      await agencies.getByRole('link', { name: agencyName }).click();
      await visible(page.getByRole('heading', { level: 1, name: agencyName }));
      const staff = page.getByRole('region', { name: 'کارکنان' });
      await staff.getByRole('button', { name: 'کارمند تازه' }).click();
      const form = page.getByRole('region', { name: 'کارمند تازه' });
      const roles = await form.getByRole('combobox', { name: 'نقش' }).locator('option').allTextContents();
      expect(roles).toContain('کارمند میز خدمت');
      expect(roles).not.toContain('مدیر درگاه');
      expect(roles).not.toContain('بازبین مرکزی');
      await form.getByRole('textbox', { name: 'نام و نام خانوادگی' }).fill(name);
      await form.getByRole('textbox', { name: 'نام کاربری' }).fill(username);
      await form.getByLabel('گذرواژهٔ نخست').fill(DEMO_PASSWORD);
      await form.getByRole('textbox', { name: 'شمارهٔ همراه' }).fill(toPersianDigits(mobile));
      await form.getByRole('combobox', { name: 'نقش' }).selectOption({ label: 'کارمند میز خدمت' });
      await check(page, device, 'admin new staff fa');
      await form.getByRole('button', { name: 'ثبت کارمند' }).click();
      await visible(staff.getByText(`کارمند «${name}» ثبت شد.`));

      // Found by searching, opened on their page.
      await staff.getByRole('searchbox', { name: 'جست‌وجوی کارکنان' }).fill(suffix);
      await staff.getByRole('button', { name: 'جست‌وجو' }).click();
      const row = staff.getByRole('listitem').filter({ hasText: username });
      await visible(row.getByText('کارمند میز خدمت'));
      await expect.poll(() => staff.getByRole('listitem').count()).toBe(1);
      await row.getByRole('link', { name }).click();
      await visible(page.getByRole('heading', { level: 1, name }));
      expect(pathname(page)).toMatch(/^\/admin\/agencies\/[0-9a-f-]+\/staff\/[0-9a-f-]+$/);
      const details = page.getByRole('region', { name: 'مشخصات' });
      expect(await details.getByText(toPersianDigits(mobile)).count()).toBe(1);
      await check(page, device, 'admin staff page fa');
      await snap(page, `${device}-admin-staff-fa`);

      // Edit the details.
      const renamed = `${name} پور`;
      await details.getByRole('button', { name: 'ویرایش مشخصات' }).click();
      await details.getByRole('textbox', { name: 'نام و نام خانوادگی' }).fill(renamed);
      await details.getByRole('button', { name: 'ذخیرهٔ مشخصات' }).click();
      await visible(details.getByText('مشخصات ذخیره شد.'));
      await visible(page.getByRole('heading', { level: 1, name: renamed }));

      // Deactivate (confirmed), then reactivate.
      const account = page.getByRole('region', { name: 'حساب کاربری' });
      await account.getByRole('button', { name: 'غیرفعال کردن حساب' }).click();
      const deactivateTitle = `حساب ${renamed} غیرفعال شود؟`;
      await visible(page.getByRole('dialog', { name: deactivateTitle }));
      await check(page, device, 'admin deactivate dialog fa');
      await confirmIn(page, deactivateTitle, 'بله، غیرفعال شود');
      await visible(account.getByText(`حساب ${renamed} غیرفعال شد.`));
      await visible(account.getByText('غیرفعال', { exact: true }));
      await account.getByRole('button', { name: 'فعال کردن دوبارهٔ حساب' }).click();
      await visible(account.getByText(`حساب ${renamed} دوباره فعال شد.`));
      await visible(account.getByRole('button', { name: 'غیرفعال کردن حساب' }));

      // A password reset: the code goes to the staff member's phone, never to the administrator.
      const since = new Date();
      await account.getByRole('button', { name: 'فرستادن کد بازنشانی گذرواژه' }).click();
      await confirmIn(page, `کد بازنشانی گذرواژه برای ${renamed} فرستاده شود؟`, 'بله، کد فرستاده شود');
      const sent = account.getByText('کد بازنشانی به', { exact: false });
      await visible(sent);
      expect(await sent.textContent()).toMatch(hasPersianDigits);
      const code = await resetCode(baseURL, mobile, since);
      expect(await page.content()).not.toContain(code);

      const person = await openPage(device);
      await person.goto(`/staff/reset-password?code=${code}`);
      await visible(person.getByRole('heading', { level: 1, name: 'بازنشانی گذرواژه' }));
      expect(await person.getByRole('textbox', { name: 'کد بازنشانی' }).inputValue()).toBe(code);
      await check(person, device, 'staff reset password fa');
      const newPassword = `Tazeh-${suffix}-1405`;
      await person.getByLabel('گذرواژهٔ تازه', { exact: true }).fill(newPassword);
      await person.getByLabel('تکرار گذرواژهٔ تازه').fill(newPassword);
      await person.getByRole('button', { name: 'گذاشتن گذرواژهٔ تازه' }).click();
      await visible(person.getByText('گذرواژهٔ تازه گذاشته شد', { exact: false }));
      await person.getByRole('link', { name: 'ورود کارکنان' }).click();
      await staffSignsIn(person, device, { username, password: newPassword }, 'after reset');
      await cartableLoaded(person);

      // A delegation to a colleague, then ended (confirmed).
      const delegations = page.getByRole('region', { name: 'جانشینی' });
      await delegations.getByRole('button', { name: 'جانشین تازه' }).click();
      const delegationForm = page.getByRole('region', { name: 'جانشین تازه' });
      await delegationForm.getByRole('combobox', { name: 'جانشین' }).selectOption({ label: PROVINCIAL_CLERK_NAME });
      await delegationForm.getByRole('textbox', { name: 'مدت (روز)' }).fill('۷');
      await delegationForm.getByRole('textbox', { name: 'دلیل' }).fill('مرخصی استحقاقی');
      await delegationForm.getByRole('button', { name: 'ثبت جانشینی' }).click();
      await visible(delegations.getByText('جانشینی ثبت شد.'));
      const delegation = delegations
        .getByRole('listitem')
        .filter({ hasText: `${PROVINCIAL_CLERK_NAME} جانشین ${renamed}` });
      await visible(delegation.getByText('برقرار'));
      await delegation.getByRole('button', { name: `پایان دادن به جانشینی ${PROVINCIAL_CLERK_NAME}` }).click();
      await confirmIn(
        page,
        `جانشینی ${PROVINCIAL_CLERK_NAME} برای ${renamed} همین حالا پایان یابد؟`,
        'بله، پایان یابد',
      );
      await visible(delegation.getByText('لغوشده'));

      // An API token of the agency: the secret shown once, with a copy button; then revoked.
      await page.getByRole('link', { name: 'بازگشت به دستگاه' }).click();
      const tokens = page.getByRole('region', { name: 'توکن‌های API سامانه‌ها' });
      await tokens.getByRole('button', { name: 'توکن تازه' }).click();
      const tokenName = `سامانهٔ بایگانی ${suffix}`;
      await tokens.getByRole('textbox', { name: 'نام سامانه' }).fill(tokenName);
      await tokens.getByRole('button', { name: 'صدور توکن' }).click();
      const secretDialog = page.getByRole('dialog', { name: `توکن «${tokenName}» صادر شد` });
      await visible(secretDialog);
      const secret = (await secretDialog.getByTestId('token-secret').textContent()) ?? '';
      expect(secret).toMatch(/^dgh_[A-Za-z0-9_-]{20,}$/);
      await visible(secretDialog.getByRole('button', { name: 'کپی توکن' }));
      await check(page, device, 'admin token secret fa');
      await secretDialog.getByRole('button', { name: 'کپی کردم' }).click();
      const whoami = await fetch(`${baseURL}/api/v1/agency-systems/whoami`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      expect(whoami.status).toBe(200);
      const token = tokens.getByRole('listitem').filter({ hasText: tokenName });
      await token.getByRole('button', { name: `ابطال توکن ${tokenName}` }).click();
      await confirmIn(page, `توکن «${tokenName}» باطل شود؟`, 'بله، باطل شود');
      await visible(token.getByText('باطل‌شده در', { exact: false }));
      const refused = await fetch(`${baseURL}/api/v1/agency-systems/whoami`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      expect(refused.status).toBe(401);
      await check(page, device, 'admin agency tokens fa');
    });
  });
}
