import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyIcon } from './icons';

/**
 * Copies `text` to the clipboard and says so in a polite live region. Where the clipboard is not
 * available (an insecure origin, a refused permission) it says how to copy by hand instead.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<'copied' | 'failed' | null>(null);

  useEffect(() => {
    if (!result) return;
    const timer = setTimeout(() => setResult(null), 4000);
    return () => clearTimeout(timer);
  }, [result]);

  return (
    <span className="copy-button">
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => {
          const clipboard = globalThis.navigator?.clipboard;
          if (!clipboard) {
            setResult('failed');
            return;
          }
          clipboard.writeText(text).then(
            () => setResult('copied'),
            () => setResult('failed'),
          );
        }}
      >
        <CopyIcon />
        {label}
      </button>
      <span role="status" className="copy-button__status">
        {result === 'copied' ? t('common.copied') : result === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </span>
  );
}
