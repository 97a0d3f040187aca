import { en as cardsEn, fa as cardsFa } from './cards/messages';
import { en as importEn, fa as importFa } from './import/messages';
import { en as reviewEn, fa as reviewFa } from './review/messages';

/**
 * The strings of the catalogue's staff parts (cards, review, import), joined by
 * `app/messages.workspace.ts`: loaded with the staff workspace, not by visitors of the public pages.
 */
export const workspaceMessages = {
  fa: { catalogueCards: cardsFa, catalogueReview: reviewFa, catalogueImport: importFa },
  en: { catalogueCards: cardsEn, catalogueReview: reviewEn, catalogueImport: importEn },
};
