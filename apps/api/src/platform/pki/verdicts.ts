/**
 * A signature's verdict: a stable code, with its reason in Persian and English as data (like the
 * error tables), for the verification page and API to show as they are.
 */
export const VERDICTS = {
  valid: { fa: 'امضا معتبر است: سند پس از امضا تغییر نکرده و گواهی امضاکننده در زمان امضا معتبر بوده است.', en: 'The signature is valid: the document has not changed since it was signed, and the signer’s certificate was valid when it was signed.' },
  altered: { fa: 'سند پس از امضا تغییر کرده است؛ امضا با محتوای کنونی آن نمی‌خواند.', en: 'The document was changed after it was signed; the signature does not match its present content.' },
  revoked: { fa: 'گواهی امضاکننده پیش از زمان امضا باطل شده بود.', en: 'The signer’s certificate had been revoked before the signing time.' },
  unknown_issuer: { fa: 'گواهی امضاکننده را مرجعی صادر کرده که مورد اعتماد نیست.', en: 'The signer’s certificate was issued by an authority that is not trusted.' },
  expired_without_timestamp: { fa: 'گواهی امضاکننده منقضی شده و امضا مهر زمانی ندارد که نشان دهد پیش از انقضا امضا شده است.', en: 'The signer’s certificate has expired and the signature has no timestamp proving it was made before then.' },
  not_valid_at_signing_time: { fa: 'گواهی امضاکننده در زمان امضا (طبق مهر زمانی) معتبر نبوده است.', en: 'The signer’s certificate was not valid at the signing time shown by the timestamp.' },
  wrong_key_usage: { fa: 'گواهی امضاکننده برای امضای سند صادر نشده است.', en: 'The signer’s certificate was not issued for signing documents.' },
  timestamp_invalid: { fa: 'مهر زمانی امضا معتبر نیست یا از مرجع مورد اعتمادی نیست.', en: 'The signature’s timestamp is not valid or does not come from a trusted authority.' },
  revocation_unknown: { fa: 'وضعیت ابطال گواهی امضاکننده را نمی‌توان اکنون بررسی کرد.', en: 'The revocation status of the signer’s certificate cannot be checked now.' },
  not_signed: { fa: 'این سند امضایی ندارد.', en: 'The document carries no signature.' },
  malformed: { fa: 'امضا خوانده نشد؛ ساختار آن درست نیست.', en: 'The signature could not be read; it is malformed.' },
} as const satisfies Record<string, { fa: string; en: string }>;

export type VerdictCode = keyof typeof VERDICTS;
export const VERDICT_CODES = Object.keys(VERDICTS) as VerdictCode[];
