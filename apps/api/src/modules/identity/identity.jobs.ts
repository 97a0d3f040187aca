import type { AppContext } from '../../platform/context';
import * as repo from './identity.repository';

/** Identity knows citizens, so it tells the notification service how to reach them (the mobile on file). */
export function defineIdentityJobs(ctx: AppContext): void {
  ctx.notify.registerContacts('citizen', (db, id) => repo.citizenContact(db, id));
}
