import { uuids, type Db } from '../../platform/db';
import * as repo from './identity.repository';

/** A person or company as another module may use it: its name and identifiers (unmasked: mask before showing). */
export interface Party {
  id: string;
  kind: 'person' | 'company';
  name: string | null;
  nationalCode: string | null;
  legalId: string | null;
  mobile: string | null;
}

/** Who the ids are: citizens (persons and companies) and staff, each looked up once. Unknown ids are left out. */
export async function findPeople(db: Db, ids: { citizens?: readonly string[]; staff?: readonly string[] }): Promise<{ citizens: Map<string, Party>; staff: Map<string, string> }> {
  const [citizens, staff] = await Promise.all([repo.citizensByIds(db, uuids(ids.citizens ?? [])), repo.staffNamesByIds(db, uuids(ids.staff ?? []))]);
  return {
    citizens: new Map(citizens.map((c) => [c.id, { id: c.id, kind: c.kind, name: c.name, nationalCode: c.nationalCode, legalId: c.legalId, mobile: c.mobile }])),
    staff: new Map(staff.map((s) => [s.id, s.displayName])),
  };
}
