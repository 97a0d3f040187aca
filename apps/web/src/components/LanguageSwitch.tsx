import { useTranslation } from 'react-i18next';
import { changeLanguage, isLang } from '../lib/i18n';
import { GlobeIcon } from './icons';

/**
 * One button naming the other language in that language («English» / «فارسی»), as readers
 * look for their own language's name. `lang` on the label lets screen readers pronounce it.
 */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t } = useTranslation();
  const target = t('language.switchToCode');
  return (
    <button
      type="button"
      className={className ? `lang-switch ${className}` : 'lang-switch'}
      onClick={() => {
        if (isLang(target)) void changeLanguage(target);
      }}
    >
      <GlobeIcon />
      <span lang={target} dir={target === 'fa' ? 'rtl' : 'ltr'}>
        {t('language.switchTo')}
      </span>
    </button>
  );
}
