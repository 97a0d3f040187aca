import { registerErrorCodes } from '../../platform/http/errors';

/** Refusals of the laws register and the agencies' missions, with Persian and English text. */
export const lawsErrors = {
  LAW_NOT_FOUND: { status: 404, fa: 'قانون یا مقرره پیدا نشد.', en: 'The law or regulation was not found.' },
  MISSION_NOT_FOUND: { status: 404, fa: 'مأموریت دستگاه پیدا نشد.', en: 'The agency mission was not found.' },
};

let registered = false;
export function registerLawsErrors(): void {
  if (registered) return;
  registered = true;
  registerErrorCodes(lawsErrors);
}
