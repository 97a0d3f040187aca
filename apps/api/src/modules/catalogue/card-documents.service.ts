import type { ServiceDocument } from '@dargah/contracts';
import { json, type Db } from '../../platform/db';
import { approvedContentOfService } from './card-facts.repository';

/**
 * The documents a service's approved card asks the applicant for (its `documents`, each by its place
 * in the card's list), leaving out those another agency supplies by inquiry: what the desk's apply
 * page asks to upload and the submission checks. None when the id has no approved card.
 */
export async function documentsOfService(db: Db, serviceId: string | null): Promise<ServiceDocument[]> {
  if (!serviceId) return [];
  const found = await approvedContentOfService(db, serviceId);
  if (found === undefined) return [];
  const docs = json<{ documents?: Array<{ title?: string; mandatory?: boolean; byInquiry?: boolean }> }>(found).documents ?? [];
  return docs.flatMap((d, index) => (d.byInquiry === true ? [] : [{ index, title: d.title?.trim() || `#${index + 1}`, mandatory: d.mandatory === true }]));
}
