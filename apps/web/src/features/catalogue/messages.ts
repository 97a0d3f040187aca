import { en as cardsEn, fa as cardsFa } from './cards/messages';
import { en as importEn, fa as importFa } from './import/messages';
import { en as publicEn, fa as publicFa } from './public/messages';
import { en as reviewEn, fa as reviewFa } from './review/messages';
import { en as termsEn, fa as termsFa } from './terms/messages';

/**
 * The catalogue's strings under their keys in the interface catalogue; `app/messages.ts` joins the
 * features. Each part keeps its own strings beside its code (`<part>/messages.ts`).
 */
export const messages = {
  fa: {
    catalogueCards: cardsFa,
    catalogueReview: reviewFa,
    catalogueImport: importFa,
    cataloguePublic: publicFa,
    catalogueTerms: termsFa,
  },
  en: {
    catalogueCards: cardsEn,
    catalogueReview: reviewEn,
    catalogueImport: importEn,
    cataloguePublic: publicEn,
    catalogueTerms: termsEn,
  },
};
