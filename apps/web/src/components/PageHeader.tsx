import type { ReactNode } from 'react';
import { isolateFor, runsAgainst } from '../lib/bidi';
import { useFormat } from '../lib/format';
import { usePageTitle } from '../lib/usePageTitle';

export interface PageHeaderProps {
  title: string;
  lead?: ReactNode;
  icon?: ReactNode;
  /**
   * What kind of page this is («فرم درخواست خدمت»), shown small above a title that is content (a
   * service's own title). Never glue such a label onto the title itself: titles often begin with the
   * same word («درخواست …»), and «درخواست درخواست …» is what that gives.
   */
  kicker?: string;
}

/** The page's one `<h1>`, an optional kicker and lead paragraph, and the document title. */
export function PageHeader({ title, lead, icon, kicker }: PageHeaderProps) {
  // A title that is content in the other script (a Persian service title on an English page) is isolated.
  const dir = useFormat().lang === 'fa' ? 'rtl' : 'ltr';
  const against = runsAgainst(title, dir);
  usePageTitle(kicker ? `${isolateFor(title, dir)} — ${kicker}` : title);
  return (
    <header className="page-header">
      {icon ? <div className="page-header__icon">{icon}</div> : null}
      <div>
        {kicker ? <p className="page-header__kicker">{kicker}</p> : null}
        <h1 className="page-header__title">{against ? <bdi>{title}</bdi> : title}</h1>
        {lead ? <p className="page-header__lead">{lead}</p> : null}
      </div>
    </header>
  );
}
