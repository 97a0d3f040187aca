import type { Widen } from '../../lib/i18n/widen';

/**
 * Persian interface strings of sign-in's refusals (under `signIn.` in the catalogue); the rest of
 * the sign-in pages' strings are under `auth.` in lib/i18n.
 */
export const fa = {
  retryIn: 'می‌توانید {{time}} دیگر دوباره تلاش کنید.',
  retryNow: 'اکنون می‌توانید دوباره تلاش کنید.',
  citizen: {
    registryUnavailableTitle: 'کد ورود فرستاده نشد',
    tooManyTitle: 'درخواست‌ها بیش از حد مجاز است',
  },
  staff: {
    wrongTitle: 'ورود انجام نشد',
    delayedTitle: 'کمی صبر کنید',
  },
};

export const en: Widen<typeof fa> = {
  retryIn: 'You can try again in {{time}}.',
  retryNow: 'You can try again now.',
  citizen: {
    registryUnavailableTitle: 'No sign-in code was sent',
    tooManyTitle: 'Too many requests',
  },
  staff: {
    wrongTitle: 'Sign-in failed',
    delayedTitle: 'Please wait a little',
  },
};
