import { messages as audit } from '../features/audit';
import { messages as catalogue } from '../features/catalogue';
import { messages as citizen } from '../features/citizen';
import { messages as deliveryReports } from '../features/delivery-reports';
import { messages as identity } from '../features/identity';
import { messages as licences } from '../features/licences';
import { messages as organisation } from '../features/organisation';
import { messages as portal } from '../features/portal';
import { messages as requests } from '../features/requests';
import { messages as serviceArchitecture } from '../features/service-architecture';
import { messages as services } from '../features/services';
import { messages as staff } from '../features/staff';
import { messages as system } from '../features/system';
import { en as sharedEn } from '../lib/i18n/en';
import { fa as sharedFa } from '../lib/i18n/fa';
import type { Widen } from '../lib/i18n/widen';

/**
 * Every feature's strings (`features/<name>/messages.ts`, exported by its `index.ts`), each under
 * its own keys, joined with the shared strings of `lib/i18n`. `messages.test.ts` checks that no two
 * parts claim the same key and that Persian and English have the same keys.
 */
export const parts = {
  shared: { fa: sharedFa, en: sharedEn },
  audit,
  catalogue,
  citizen,
  deliveryReports,
  identity,
  licences,
  organisation,
  portal,
  requests,
  serviceArchitecture,
  services,
  staff,
  system,
};

/** The Persian interface catalogue (default). Its type gives `t()` its keys (`app/i18next.d.ts`). */
export const fa = {
  ...sharedFa,
  ...audit.fa,
  ...catalogue.fa,
  ...citizen.fa,
  ...deliveryReports.fa,
  ...identity.fa,
  ...licences.fa,
  ...organisation.fa,
  ...portal.fa,
  ...requests.fa,
  ...serviceArchitecture.fa,
  ...services.fa,
  ...staff.fa,
  ...system.fa,
};

/** The English interface catalogue: the same keys as Persian (checked by its type and by the test). */
export const en: Widen<typeof fa> = {
  ...sharedEn,
  ...audit.en,
  ...catalogue.en,
  ...citizen.en,
  ...deliveryReports.en,
  ...identity.en,
  ...licences.en,
  ...organisation.en,
  ...portal.en,
  ...requests.en,
  ...serviceArchitecture.en,
  ...services.en,
  ...staff.en,
  ...system.en,
};
