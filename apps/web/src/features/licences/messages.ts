import type { Widen } from '../../lib/i18n/widen';

/** Persian interface strings of this feature (under `licences.` in the catalogue). */
export const fa = {
  licencesPage: { title: 'مجوزها' },
};

/** English: exactly the keys of `fa`. */
export const en: Widen<typeof fa> = {
  licencesPage: { title: 'Licences' },
};
