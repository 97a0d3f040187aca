import { useTranslation } from 'react-i18next';
import type { fa } from '../messages';

/** `t` for one section of this feature's messages, keys checked against the Persian catalogue. */
export function useSection<S extends 'taxonomy' | 'gaps' | 'markForm' | 'marks'>(section: S) {
  const { t } = useTranslation();
  const translate = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  return (key: keyof (typeof fa)[S] & string, options?: Record<string, unknown>) =>
    translate(`catalogueArchitecture.${section}.${key}`, options);
}
