import { demoDataSeeded, reportSkipped } from './support/api';
import { OTHER_AGENCY_CLERK, TAKEOVER } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { readOutbox } from './support/outbox';
import { check, citizenEntersCode, pathname, visible } from './support/pages';
import { snap } from './support/screenshots';

/**
 * Sign-in security in Persian, on a desktop and a phone. An attacker who knows a demo citizen's
 * national code types a mobile of their own: the page refuses it at the mobile field, no code is
 * sent to that number (the SMS outbox shows nothing for it), and the citizen's own number still
 * signs them in. On the staff page a wrong password says the credentials are wrong (not "enter
 * your password"), and after repeated failures the page says when to try again, the same for a
 * username that does not exist.
 */

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('signin-security.e2e.ts', seeded);

for (const device of ['desktop', 'phone'] as const) {
  describe.skipIf(!seeded)(`sign-in security on ${device}`, () => {
    test('someone who knows a citizen’s national code cannot get a code for another mobile', async ({ openPage, baseURL }) => {
      const { victim, attacker } = TAKEOVER[device];
      const page = await openPage(device);
      await page.goto('/me/sign-in');
      await visible(page.getByRole('heading', { level: 1, name: 'ورود شهروندان' }));

      const nationalCode = page.getByRole('textbox', { name: 'کد ملی' });
      const mobile = page.getByRole('textbox', { name: 'شمارهٔ تلفن همراه' });
      await nationalCode.fill(victim.nationalCode);
      await mobile.fill(attacker.typed);
      const since = new Date();
      await page.getByRole('button', { name: 'دریافت کد ورود' }).click();

      // Refused at the mobile field, in Persian; the form stays on step 1.
      const error = page.locator('#mobile-error');
      await visible(error);
      expect(await error.textContent()).toContain('به نام دارندهٔ این کد ملی ثبت نشده است');
      expect(await mobile.getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => mobile.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await page.getByRole('textbox', { name: 'کد ۶ رقمی' }).count()).toBe(0);
      await check(page, device, 'citizen sign-in mobile not owned fa');
      await snap(page, `${device}-sign-in-mobile-not-owned-fa`);

      // Nothing was sent to the attacker's number: the refusal came before any text was queued.
      const sent = (await readOutbox(baseURL)).filter(
        (m) => m.recipient === attacker.mobile && Date.parse(m.createdAt) >= since.getTime() - 1000,
      );
      expect(sent).toEqual([]);

      // The citizen's own number works.
      await mobile.fill(victim.mobileTyped);
      const ownSince = new Date();
      await page.getByRole('button', { name: 'دریافت کد ورود' }).click();
      await visible(page.getByRole('textbox', { name: 'کد ۶ رقمی' }));
      await citizenEntersCode(page, baseURL, victim, ownSince);
      await visible(page.getByRole('heading', { level: 1, name: 'میز شهروند' }));
      expect(pathname(page)).toBe('/me');
    });

    test('a wrong password says the credentials are wrong; repeated failures say when to try again', async ({ openPage }) => {
      const page = await openPage(device);
      await page.goto('/staff/sign-in');
      await visible(page.getByRole('heading', { level: 1, name: 'ورود کارکنان' }));
      const username = page.getByRole('textbox', { name: 'نام کاربری' });
      const password = page.getByLabel('گذرواژه', { exact: true });
      const submit = page.getByRole('button', { name: 'ورود', exact: true });
      const refusal = page.getByRole('alert').filter({ hasText: 'ورود انجام نشد' });

      // A real account, a wrong password: «credentials wrong», not «enter your password».
      await username.fill(OTHER_AGENCY_CLERK.username);
      await password.fill('not-the-password-1404');
      await submit.click();
      await visible(refusal);
      expect(await refusal.textContent()).toContain('نام کاربری یا گذرواژه درست نیست');
      expect(await page.getByText('گذرواژه را وارد کنید').count()).toBe(0);
      expect(await password.inputValue()).toBe('');
      await expect.poll(() => password.evaluate((el) => el === document.activeElement)).toBe(true);
      await check(page, device, 'staff sign-in wrong password fa');
      await snap(page, `${device}-staff-sign-in-wrong-password-fa`);

      // A username nobody has, five wrong passwords: the fifth says when to try again.
      await username.fill(`ghost.${device}.${Date.now()}`);
      for (let i = 1; i <= 5; i++) {
        await password.fill(`wrong-password-${i}`);
        await submit.click();
        await visible(refusal);
        await expect.poll(() => password.inputValue()).toBe('');
      }
      await visible(page.getByText(/می‌توانید [۰-۹]+:[۰-۹]+ دیگر دوباره تلاش کنید/));
      // Trying again at once: asked to wait, without a word about whether the account exists.
      // (Should a slow machine let the wait pass first, the next try fails again and waits twice as long.)
      const wait = page.getByRole('alert').filter({ hasText: 'کمی صبر کنید' });
      await expect
        .poll(
          async () => {
            await password.fill('wrong-password-again');
            await submit.click();
            await expect.poll(() => password.inputValue()).toBe('');
            return wait.count();
          },
          { timeout: 60_000 },
        )
        .toBe(1);
      expect(await wait.textContent()).not.toMatch(/حساب|وجود/);
      await check(page, device, 'staff sign-in delayed fa');
      await snap(page, `${device}-staff-sign-in-delayed-fa`);
      await visible(page.getByText('اکنون می‌توانید دوباره تلاش کنید.'));
    });
  });
}
