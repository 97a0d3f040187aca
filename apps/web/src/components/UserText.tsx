import type { ParseKeys } from 'i18next';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * User content — a service title, an agency or person's name, a form answer, a note — shown inside
 * interface text of either language: isolated in a `<bdi>`, so a Persian title in English text (or a
 * Latin name in Persian text) keeps its own direction and the parentheses and full stops around it
 * stay where they belong. For plain strings (titles, labels) `lib/bidi.ts` does the same with FSI/PDI.
 */
export function UserText({ children, className }: { children: ReactNode; className?: string | undefined }) {
  return <bdi className={className}>{children}</bdi>;
}

const MARK = '\u0000';

/**
 * A translated sentence whose `{{placeholders}}` are user content: each text or element value is
 * rendered in a `<bdi>`; numbers (and `count`) go to i18next as usual and get the language's digits.
 */
export function Tx({ k, values }: { k: ParseKeys; values: Record<string, ReactNode> }) {
  const { t } = useTranslation();
  const slots: ReactNode[] = [];
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'number') params[name] = value;
    else {
      params[name] = `${MARK}${slots.length}${MARK}`;
      slots.push(value);
    }
  }
  const text = t(k, params as never) as unknown as string;
  const parts = text.split(new RegExp(`${MARK}(\\d+)${MARK}`));
  return (
    <>
      {parts.map((part, i) => (i % 2 === 1 ? <bdi key={i}>{slots[Number(part)]}</bdi> : <Fragment key={i}>{part}</Fragment>))}
    </>
  );
}
