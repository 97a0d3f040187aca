import { en as publicEn, fa as publicFa } from './public/messages';
import { en as termsEn, fa as termsFa } from './terms/messages';

/**
 * The public catalogue's strings (search, a service's information package, the vocabularies) under
 * their keys in the interface catalogue; `app/messages.ts` joins the features. The staff parts'
 * strings are in `workspace-messages.ts`, loaded with the staff workspace.
 */
export const messages = {
  fa: { cataloguePublic: publicFa, catalogueTerms: termsFa },
  en: { cataloguePublic: publicEn, catalogueTerms: termsEn },
};
