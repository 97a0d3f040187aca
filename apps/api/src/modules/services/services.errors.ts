import { registerErrorCodes } from '../../platform/http/errors';

/** Refusals of the service catalogue, each with a stable code and Persian and English text. */
export const servicesErrors = {
  SERVICE_NOT_FOUND: {
    status: 404,
    fa: 'خدمت پیدا نشد یا در دسترس نیست.',
    en: 'The service was not found or is not available.',
  },
};

let registered = false;
export function registerServicesErrors(): void {
  if (registered) return;
  registered = true;
  registerErrorCodes(servicesErrors);
}
