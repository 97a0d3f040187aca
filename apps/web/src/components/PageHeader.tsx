import type { ReactNode } from 'react';
import { usePageTitle } from '../lib/usePageTitle';

export interface PageHeaderProps {
  title: string;
  lead?: ReactNode;
  icon?: ReactNode;
}

/** The page's one `<h1>`, an optional lead paragraph, and the document title. */
export function PageHeader({ title, lead, icon }: PageHeaderProps) {
  usePageTitle(title);
  return (
    <header className="page-header">
      {icon ? <div className="page-header__icon">{icon}</div> : null}
      <div>
        <h1 className="page-header__title">{title}</h1>
        {lead ? <p className="page-header__lead">{lead}</p> : null}
      </div>
    </header>
  );
}
