// Each feature keeps its strings beside its code (`features/<name>/messages.ts`); they are joined here.
import { en as catalogueCardsEn, fa as catalogueCardsFa } from '../../features/catalogue-cards/messages';
import { en as catalogueReviewEn, fa as catalogueReviewFa } from '../../features/catalogue-review/messages';
import {
  en as catalogueArchitectureEn,
  fa as catalogueArchitectureFa,
} from '../../features/catalogue-architecture/messages';
import { en as licencesEn, fa as licencesFa } from '../../features/licences/messages';
import { en as catalogueImportEn, fa as catalogueImportFa } from '../../features/catalogue-import/messages';
import { en as catalogueReportsEn, fa as catalogueReportsFa } from '../../features/catalogue-reports/messages';
import { en as cataloguePublicEn, fa as cataloguePublicFa } from '../../features/catalogue-public/messages';
import { en as catalogueTermsEn, fa as catalogueTermsFa } from '../../features/catalogue-terms/messages';
import { en as staffAdminEn, fa as staffAdminFa } from '../../features/admin/messages';
import { en as signInEn, fa as signInFa } from '../../features/identity/messages';
import { en as deskEn, fa as deskFa } from '../../features/requests/messages';
import { en as auditEn, fa as auditFa } from '../../features/audit/messages';
import { en as staffHomeEn, fa as staffHomeFa } from '../../features/staff/messages';
import { en as deskAvailabilityEn, fa as deskAvailabilityFa } from '../../features/services/messages';
import { en as notificationsEn, fa as notificationsFa } from '../../features/notifications/messages';

export const featuresFa = {
  catalogueCards: catalogueCardsFa,
  catalogueReview: catalogueReviewFa,
  catalogueArchitecture: catalogueArchitectureFa,
  licences: licencesFa,
  catalogueImport: catalogueImportFa,
  catalogueReports: catalogueReportsFa,
  cataloguePublic: cataloguePublicFa,
  catalogueTerms: catalogueTermsFa,
  staffAdmin: staffAdminFa,
  signIn: signInFa,
  desk: deskFa,
  audit: auditFa,
  staffHome: staffHomeFa,
  deskAvailability: deskAvailabilityFa,
  notifications: notificationsFa,
};

export const featuresEn = {
  catalogueCards: catalogueCardsEn,
  catalogueReview: catalogueReviewEn,
  catalogueArchitecture: catalogueArchitectureEn,
  licences: licencesEn,
  catalogueImport: catalogueImportEn,
  catalogueReports: catalogueReportsEn,
  cataloguePublic: cataloguePublicEn,
  catalogueTerms: catalogueTermsEn,
  staffAdmin: staffAdminEn,
  signIn: signInEn,
  desk: deskEn,
  audit: auditEn,
  staffHome: staffHomeEn,
  deskAvailability: deskAvailabilityEn,
  notifications: notificationsEn,
};
