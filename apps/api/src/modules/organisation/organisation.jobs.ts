import type { AppContext } from '../../platform/context';
import * as repo from './organisation.repository';

/** The organisation knows its staff, so it tells the notification service how to reach them (the e-mail on file). */
export function defineOrganisationJobs(ctx: AppContext): void {
  ctx.notify.registerContacts('staff', (db, id) => repo.staffContact(db, id));
}
