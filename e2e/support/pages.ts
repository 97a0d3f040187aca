import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessible } from './axe';
import type { DeviceName } from './browser';
import type { DemoCitizen, DemoStaff } from './demo';
import { readOtp } from './outbox';

/** Steps and checks the journeys share: sign-in through the pages, axe and layout checks. */

export const visible = (locator: Locator, timeout?: number) =>
  locator.waitFor({ state: 'visible', ...(timeout ? { timeout } : {}) });

export const pathname = (page: Page) => new URL(page.url()).pathname;

export const hasPersianDigits = /[\u06F0-\u06F9]/;

export async function expectNoHorizontalOverflow(page: Page, device: DeviceName): Promise<void> {
  if (device !== 'phone') return;
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${pathname(page)} is wider than the phone`).toBeLessThanOrEqual(0);
}

/** Checks a page the journey reached: axe, no sideways scrolling on a phone. */
export async function check(page: Page, device: DeviceName, label: string): Promise<void> {
  await expectNoHorizontalOverflow(page, device);
  await expectAccessible(page, `${device} ${label}`);
}

/**
 * On `/me/sign-in`: national code and mobile (typed with Persian digits), then «دریافت کد ورود».
 * `checkPage` checks each step's page (`check` unless the browser runs no script).
 */
export async function citizenRequestsCode(
  page: Page,
  device: DeviceName,
  citizen: DemoCitizen,
  checkPage: typeof check = check,
): Promise<Date> {
  await visible(page.getByRole('heading', { level: 1, name: 'ورود شهروندان' }));
  expect(pathname(page)).toBe('/me/sign-in');
  await checkPage(page, device, 'citizen sign-in fa');

  const since = new Date();
  await page.getByRole('textbox', { name: 'کد ملی' }).fill(citizen.nationalCode);
  await page.getByRole('textbox', { name: 'شمارهٔ تلفن همراه' }).fill(citizen.mobileTyped);
  await page.getByRole('button', { name: 'دریافت کد ورود' }).click();

  const codeBox = page.getByRole('textbox', { name: 'کد ۶ رقمی' });
  await visible(codeBox);
  expect(await codeBox.getAttribute('autocomplete')).toBe('one-time-code');
  expect(await codeBox.getAttribute('inputmode')).toBe('numeric');
  await expect.poll(() => codeBox.evaluate((el) => el === document.activeElement)).toBe(true);
  // The development hint is there because this server has /dev/outbox.
  await visible(page.getByRole('link', { name: '/dev/outbox' }));
  await checkPage(page, device, 'citizen sign-in code fa');
  return since;
}

/** Types the code sent since `since` (read from `/dev/outbox`) in Persian digits and signs in. */
export async function citizenEntersCode(page: Page, baseURL: string, citizen: DemoCitizen, since: Date): Promise<void> {
  const code = await readOtp(baseURL, citizen.mobile, { since });
  await page.getByRole('textbox', { name: 'کد ۶ رقمی' }).fill(toPersianDigits(code));
  await page.getByRole('button', { name: 'ورود', exact: true }).click();
}

/** Signs a citizen in through `/me/sign-in` (the browser is already there). */
export async function citizenSignsIn(
  page: Page,
  device: DeviceName,
  baseURL: string,
  citizen: DemoCitizen,
): Promise<void> {
  const since = await citizenRequestsCode(page, device, citizen);
  await citizenEntersCode(page, baseURL, citizen, since);
}

export const toPersianDigits = (text: string) => text.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

/** Signs a staff member in through `/staff/sign-in` (the browser is already there). */
export async function staffSignsIn(
  page: Page,
  device: DeviceName,
  staff: DemoStaff,
  label: string,
  landsOn = 'میز کار کارکنان',
): Promise<void> {
  await visible(page.getByRole('heading', { level: 1, name: 'ورود کارکنان' }));
  expect(pathname(page)).toBe('/staff/sign-in');
  await check(page, device, `${label} sign-in fa`);
  await page.getByRole('textbox', { name: 'نام کاربری' }).fill(staff.username);
  await page.getByLabel('گذرواژه', { exact: true }).fill(staff.password);
  await page.getByRole('button', { name: 'ورود', exact: true }).click();
  await visible(page.getByRole('heading', { level: 1, name: landsOn }));
}

/** The cartable's list, once it has loaded (a list of requests or the empty state). */
export async function cartableLoaded(page: Page): Promise<Locator> {
  const cartable = page.getByRole('region', { name: 'کارتابل' });
  await visible(
    cartable.getByRole('list', { name: 'درخواست‌های کارتابل' }).or(cartable.getByText('کارتابل شما خالی است')),
  );
  return cartable;
}
