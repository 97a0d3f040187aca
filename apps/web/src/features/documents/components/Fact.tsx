import type { HTMLAttributes, ReactNode } from 'react';

/** One row of a `<dl className="facts">`: its term, and its value with any attributes of the `<dd>`. */
export function Fact({
  label,
  children,
  ...dd
}: { label: ReactNode; children: ReactNode } & HTMLAttributes<HTMLElement>) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd {...dd}>{children}</dd>
    </div>
  );
}
