import type { ReactNode } from 'react';
import { RefreshIcon } from './icons';

/**
 * A small button for work that takes a moment (look again, verify now): while busy it is
 * `aria-disabled` rather than `disabled` (which would drop keyboard focus to the page), ignores
 * clicks, and its icon turns.
 */
export function RefreshButton({
  busy,
  onClick,
  children,
  variant = 'ghost',
}: {
  busy: boolean;
  onClick: () => void;
  children: ReactNode;
  variant?: 'ghost' | 'secondary';
}) {
  return (
    <button
      type="button"
      className={`button button--${variant} button--small no-print`}
      aria-disabled={busy}
      onClick={() => {
        if (!busy) onClick();
      }}
    >
      <RefreshIcon className={busy ? 'spin' : undefined} />
      {children}
    </button>
  );
}
