import type { ReactNode } from 'react';
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
  usePageTitle(kicker ? `${title} — ${kicker}` : title);
  return (
    <header className="page-header">
      {icon ? <div className="page-header__icon">{icon}</div> : null}
      <div>
        {kicker ? <p className="page-header__kicker">{kicker}</p> : null}
        <h1 className="page-header__title">{title}</h1>
        {lead ? <p className="page-header__lead">{lead}</p> : null}
      </div>
    </header>
  );
}
