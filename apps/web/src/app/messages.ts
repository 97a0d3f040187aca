import { messages as catalogue } from '../features/catalogue';
import { messages as channel } from '../features/channels';
import { messages as citizen } from '../features/citizen';
import { messages as documents } from '../features/documents';
import { messages as feedback } from '../features/feedback';
import { messages as identity } from '../features/identity';
import { messages as notifications } from '../features/notifications';
import { messages as payments } from '../features/payments';
import { messages as portal } from '../features/portal';
import { messages as requests } from '../features/requests';
import { messages as services } from '../features/services';
import { en as sharedEn } from '../lib/i18n/en';
import { fa as sharedFa } from '../lib/i18n/fa';
import type { Widen } from '../lib/i18n/widen';
import type { workspaceFa } from './messages.workspace';

/**
 * The strings of the public pages and the citizen's area: the shared strings of `lib/i18n` and each
 * feature's `messages.ts` (exported by its `index.ts`), each under its own keys. The staff
 * workspace's strings are in `messages.workspace.ts`, loaded with the workspace (`areas.tsx`).
 * `messages.test.ts` checks that no two parts claim the same key and that Persian and English match.
 */
export const publicParts = {
  shared: { fa: sharedFa, en: sharedEn },
  catalogue,
  channel,
  citizen,
  documents,
  feedback,
  identity,
  notifications,
  payments,
  portal,
  requests,
  services,
};

/** The Persian strings given to i18next at start (default language). */
export const fa = {
  ...sharedFa,
  ...catalogue.fa,
  ...channel.fa,
  ...citizen.fa,
  ...documents.fa,
  ...feedback.fa,
  ...identity.fa,
  ...notifications.fa,
  ...payments.fa,
  ...portal.fa,
  ...requests.fa,
  ...services.fa,
};

/** The English strings given to i18next at start: the same keys as Persian (checked by its type and by the test). */
export const en: Widen<typeof fa> = {
  ...sharedEn,
  ...catalogue.en,
  ...channel.en,
  ...citizen.en,
  ...documents.en,
  ...feedback.en,
  ...identity.en,
  ...notifications.en,
  ...payments.en,
  ...portal.en,
  ...requests.en,
  ...services.en,
};

/** The whole Persian catalogue, public and workspace: its type gives `t()` its keys (`i18next.d.ts`). */
export type Catalogue = typeof fa & typeof workspaceFa;
