import { useTranslation } from 'react-i18next';
import { changeLanguage, isLang } from '../lib/i18n';
import { useStaticPage } from '../lib/staticPage';
import { GlobeIcon } from './icons';

/**
 * One button naming the other language in that language («English» / «فارسی»), as readers
 * look for their own language's name. `lang` on the label lets screen readers pronounce it.
 */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t } = useTranslation();
  const target = t('language.switchToCode');
  const staticPage = useStaticPage();
  const label = (
    <>
      <GlobeIcon />
      <span lang={target} dir={target === 'fa' ? 'rtl' : 'ltr'}>
        {t('language.switchTo')}
      </span>
    </>
  );
  // On a page the server renders (ADR 0018): a link; the server remembers the choice in a cookie and comes back.
  if (staticPage) {
    const href = `/language?${new URLSearchParams({ to: target, returnTo: staticPage.url }).toString()}`;
    return (
      <a className={className ? `lang-switch ${className}` : 'lang-switch'} href={href} hrefLang={target}>
        {label}
      </a>
    );
  }
  return (
    <button
      type="button"
      className={className ? `lang-switch ${className}` : 'lang-switch'}
      onClick={() => {
        if (isLang(target)) void changeLanguage(target);
      }}
    >
      {label}
    </button>
  );
}
