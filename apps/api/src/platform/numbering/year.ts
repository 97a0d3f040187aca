import { toJalali } from '@dargah/persian';

/**
 * The numbering year of an instant: the Jalali year of the Tehran local day containing it. It
 * rolls over at the Tehran midnight that starts 1 Farvardin (Nowruz), not at UTC midnight and not
 * on 1 January: a letter registered at 00:10 Tehran time on 1 Farvardin 1405 is numbered in 1405
 * although it is still 20 March in UTC.
 */
export function numberingYear(instant: Date): number {
  return toJalali(instant).jy;
}
