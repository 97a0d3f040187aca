import { demoDataSeeded, reportSkipped } from './support/api';
import { REPRESENTATIVE } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { readOtp } from './support/outbox';
import { check, citizenRequestsCode, pathname, toPersianDigits, visible } from './support/pages';
import { snap } from './support/screenshots';

/**
 * A session in Persian on a desktop: a wrong one-time code is refused at the field with the
 * attempts left; a company representative acts for the company (a banner says so on every page)
 * and back; signing out on every device ends the session, and the citizen area asks to sign in.
 */

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('session.e2e.ts', seeded);

describe.skipIf(!seeded)('session', () => {
  test('wrong code, acting for a company, and signing out everywhere', async ({ openPage, baseURL }) => {
    const page = await openPage('desktop');
    await page.goto('/me');
    const since = await citizenRequestsCode(page, 'desktop', REPRESENTATIVE);

    // A wrong code: the message is at the field, with the attempts left, and focus stays there.
    const code = await readOtp(baseURL, REPRESENTATIVE.mobile, { since });
    const wrong = code === '000000' ? '111111' : '000000';
    const codeBox = page.getByRole('textbox', { name: 'کد ۶ رقمی' });
    await codeBox.fill(toPersianDigits(wrong));
    await page.getByRole('button', { name: 'ورود', exact: true }).click();
    await expect.poll(() => codeBox.getAttribute('aria-invalid')).toBe('true');
    await visible(page.getByText('بار دیگر می‌توانید تلاش کنید', { exact: false }));
    await check(page, 'desktop', 'citizen sign-in wrong code fa');
    await snap(page, 'desktop-sign-in-wrong-code-fa');

    await codeBox.fill(toPersianDigits(code));
    await page.getByRole('button', { name: 'ورود', exact: true }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'میز شهروند' }));
    expect(pathname(page)).toBe('/me');

    // Act for the company: the banner names it; then back to acting as oneself.
    const actAs = page.getByRole('combobox', { name: 'اقدام به نام' });
    await actAs.selectOption({ label: REPRESENTATIVE.company });
    const banner = page.getByRole('region', { name: 'اقدام از طرف دیگری' });
    await visible(banner.getByText(`در حال اقدام از طرف ${REPRESENTATIVE.company}`, { exact: false }));
    await check(page, 'desktop', 'acting for company fa');
    await snap(page, 'desktop-acting-for-company-fa');
    await banner.getByRole('button', { name: 'بازگشت به اقدام به نام خودم' }).click();
    await expect.poll(() => banner.count()).toBe(0);

    // Sign out everywhere.
    await page.getByRole('button', { name: 'خروج' }).click();
    const dialog = page.getByRole('dialog', { name: 'خروج از حساب' });
    await visible(dialog);
    await dialog.getByRole('checkbox', { name: 'از همهٔ دستگاه‌ها و مرورگرها خارج شوم' }).check();
    await check(page, 'desktop', 'sign-out dialog fa');
    await dialog.getByRole('button', { name: 'خروج' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'درگاه' }));
    expect(await page.getByRole('button', { name: 'خروج' }).count()).toBe(0);
    await page.goto('/me');
    await visible(page.getByRole('heading', { level: 1, name: 'ورود شهروندان' }));
  });
});
