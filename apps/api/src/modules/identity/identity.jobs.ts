import type { AppContext } from '../../platform/context';
import * as repo from './identity.repository';

/**
 * The identity module's start-up wiring: it knows citizens and staff, so it tells the notification
 * service how to reach them (their mobile and e-mail on file).
 */
export function defineIdentityJobs(ctx: AppContext): void {
  ctx.notify.registerContacts('citizen', (db, id) => repo.citizenContact(db, id));
  ctx.notify.registerContacts('staff', (db, id) => repo.staffContact(db, id));
}
