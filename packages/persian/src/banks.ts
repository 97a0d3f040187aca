/** An Iranian bank or credit institution identified by its 3-digit Sheba bank code. */
export interface IranianBank {
  /** Sheba digits 5–7 (1-based), e.g. `'017'`. */
  readonly code: string;
  readonly nameFa: string;
  readonly nameEn: string;
}

/**
 * Bank codes found in Sheba numbers (data, extend as needed). Some institutions have merged
 * (e.g. Ansar, Ghavamin, Hekmat, Kosar and Mehr Eqtesad into Sepah in 1399) but their codes
 * still appear in existing account numbers.
 */
export const IRANIAN_BANKS: readonly IranianBank[] = [
  { code: '010', nameFa: 'بانک مرکزی جمهوری اسلامی ایران', nameEn: 'Central Bank of Iran' },
  { code: '011', nameFa: 'بانک صنعت و معدن', nameEn: 'Bank of Industry and Mine' },
  { code: '012', nameFa: 'بانک ملت', nameEn: 'Bank Mellat' },
  { code: '013', nameFa: 'بانک رفاه کارگران', nameEn: 'Refah Kargaran Bank' },
  { code: '014', nameFa: 'بانک مسکن', nameEn: 'Bank Maskan' },
  { code: '015', nameFa: 'بانک سپه', nameEn: 'Bank Sepah' },
  { code: '016', nameFa: 'بانک کشاورزی', nameEn: 'Bank Keshavarzi' },
  { code: '017', nameFa: 'بانک ملی ایران', nameEn: 'Bank Melli Iran' },
  { code: '018', nameFa: 'بانک تجارت', nameEn: 'Tejarat Bank' },
  { code: '019', nameFa: 'بانک صادرات ایران', nameEn: 'Bank Saderat Iran' },
  { code: '020', nameFa: 'بانک توسعه صادرات ایران', nameEn: 'Export Development Bank of Iran' },
  { code: '021', nameFa: 'پست بانک ایران', nameEn: 'Post Bank of Iran' },
  { code: '022', nameFa: 'بانک توسعه تعاون', nameEn: 'Tose’e Ta’avon Bank' },
  { code: '051', nameFa: 'موسسه اعتباری توسعه', nameEn: 'Tose’e Credit Institution' },
  { code: '052', nameFa: 'بانک قوامین', nameEn: 'Ghavamin Bank' },
  { code: '053', nameFa: 'بانک کارآفرین', nameEn: 'Karafarin Bank' },
  { code: '054', nameFa: 'بانک پارسیان', nameEn: 'Parsian Bank' },
  { code: '055', nameFa: 'بانک اقتصاد نوین', nameEn: 'EN Bank (Eghtesad Novin)' },
  { code: '056', nameFa: 'بانک سامان', nameEn: 'Saman Bank' },
  { code: '057', nameFa: 'بانک پاسارگاد', nameEn: 'Bank Pasargad' },
  { code: '058', nameFa: 'بانک سرمایه', nameEn: 'Sarmayeh Bank' },
  { code: '059', nameFa: 'بانک سینا', nameEn: 'Sina Bank' },
  { code: '060', nameFa: 'بانک قرض‌الحسنه مهر ایران', nameEn: 'Mehr Iran Bank' },
  { code: '061', nameFa: 'بانک شهر', nameEn: 'City Bank (Shahr)' },
  { code: '062', nameFa: 'بانک آینده', nameEn: 'Ayandeh Bank' },
  { code: '063', nameFa: 'بانک انصار', nameEn: 'Ansar Bank' },
  { code: '064', nameFa: 'بانک گردشگری', nameEn: 'Tourism Bank (Gardeshgari)' },
  { code: '065', nameFa: 'بانک حکمت ایرانیان', nameEn: 'Hekmat Iranian Bank' },
  { code: '066', nameFa: 'بانک دی', nameEn: 'Dey Bank' },
  { code: '069', nameFa: 'بانک ایران زمین', nameEn: 'Iran Zamin Bank' },
  { code: '070', nameFa: 'بانک قرض‌الحسنه رسالت', nameEn: 'Resalat Bank' },
  { code: '073', nameFa: 'موسسه اعتباری کوثر', nameEn: 'Kosar Credit Institution' },
  { code: '075', nameFa: 'موسسه اعتباری ملل', nameEn: 'Melal Credit Institution' },
  { code: '078', nameFa: 'بانک خاورمیانه', nameEn: 'Middle East Bank' },
  { code: '079', nameFa: 'بانک مهر اقتصاد', nameEn: 'Mehr Eqtesad Bank' },
  { code: '080', nameFa: 'موسسه اعتباری نور', nameEn: 'Noor Credit Institution' },
  { code: '095', nameFa: 'بانک ایران و ونزوئلا', nameEn: 'Iran-Venezuela Bi-National Bank' },
];

const BANKS_BY_CODE: ReadonlyMap<string, IranianBank> = new Map(
  IRANIAN_BANKS.map((bank) => [bank.code, bank]),
);

/** Looks up a bank by its 3-digit Sheba bank code (e.g. `'054'`); `undefined` if unknown. */
export function findBankByCode(code: string): IranianBank | undefined {
  return BANKS_BY_CODE.get(code);
}
