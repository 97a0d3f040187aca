/** How a mobile and a national code are shown in messages and in the audit log (the texts are in identity.notifications.ts). */

/** 0912•••4567: enough for the owner to recognise the number, not enough to dial it. */
export const maskMobile = (mobile: string) => `${mobile.slice(0, 4)}•••${mobile.slice(-4)}`;

/** 001••••419 for the audit log. */
export const maskNationalCode = (code: string) => `${code.slice(0, 3)}••••${code.slice(-3)}`;
