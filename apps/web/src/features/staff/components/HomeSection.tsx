import { useId, type ReactNode } from 'react';

/**
 * One section of the staff home: a card whose heading is the way into its page, a line on what
 * it holds, and its own body (counts, latest items) with loading, empty and error states.
 */
export function HomeSection({
  heading,
  description,
  icon,
  children,
}: {
  /** The heading's content: a link to the section's page. */
  heading: ReactNode;
  description: ReactNode;
  icon: ReactNode;
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <section className="card stack home-section" aria-labelledby={id}>
      <div className="home-section__head">
        <span className="home-section__icon">{icon}</span>
        <div>
          <h2 id={id} className="card__title">
            {heading}
          </h2>
          <p className="text-muted">{description}</p>
        </div>
      </div>
      {children}
    </section>
  );
}

/** Numbers with their labels, each optionally a link to the list it counts. */
export function Counts({ items }: { items: Array<{ key: string; label: string; value: ReactNode }> }) {
  return (
    <dl className="counts">
      {items.map((item) => (
        <div key={item.key} className="counts__item">
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
