import type { Widen } from '../../lib/i18n/widen';

/**
 * Persian strings of the desk's story with the catalogue (under `deskAvailability.` in the catalogue): whether a
 * desk service takes requests, and if not, why and how else it is delivered.
 */
export const fa = {
  badge: {
    expired: 'شناسنامهٔ خدمت منقضی شده',
    not_electronic: 'درخواست غیرالکترونیکی',
    notInCatalogue: 'بدون شناسهٔ مصوب',
  },
  expiredTitle: 'اعتبار شناسنامهٔ این خدمت به پایان رسیده است',
  expiredBody: 'تا شناسنامهٔ این خدمت تمدید نشود، درخواست تازه پذیرفته نمی‌شود. درخواست‌های پیشین شما پیگیری می‌شوند.',
  notElectronicTitle: 'این خدمت به‌صورت الکترونیکی درخواست نمی‌شود',
  notElectronicBody: 'بنا بر شناسنامهٔ خدمت، درخواست آن از این راه‌هاست؛ نشانی دفترها و ساعت کار در بستهٔ اطلاعات خدمت آمده است.',
  notInCatalogue: 'این خدمت هنوز شناسهٔ مصوب در فهرست خدمات دولت ندارد.',
  openPackage: 'بستهٔ اطلاعات خدمت',
  unavailableTitle: 'این خدمت درخواست تازه نمی‌پذیرد',
};

/** English: exactly the keys of `fa`. */
export const en: Widen<typeof fa> = {
  badge: {
    expired: 'Service card expired',
    not_electronic: 'Not requested online',
    notInCatalogue: 'No approved service id',
  },
  expiredTitle: 'This service’s identity card has expired',
  expiredBody: 'No new requests are taken until its card is renewed. Your earlier requests are still handled.',
  notElectronicTitle: 'This service is not requested online',
  notElectronicBody: 'According to its card it is requested as below; the offices and opening hours are in the service’s information package.',
  notInCatalogue: 'This service has no approved id in the government service catalogue yet.',
  openPackage: 'Service information package',
  unavailableTitle: 'This service takes no new requests',
};
