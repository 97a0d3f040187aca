import type { ButtonHTMLAttributes, MouseEvent, ReactNode } from 'react';

export interface SubmitButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'disabled'> {
  /** While the form's request is on its way: a spinner, `aria-busy`, and clicks (and Enter) do nothing. */
  pending: boolean;
  children: ReactNode;
  variant?: 'primary' | 'secondary';
}

/**
 * A form's submit button. While `pending` it is `aria-disabled` (rather than `disabled`, which would
 * drop keyboard focus to the page) and `aria-busy`, shows a spinner, and ignores clicks, including
 * the click the browser makes when Enter submits the form: the request is never sent twice.
 */
export function SubmitButton({
  pending,
  children,
  variant = 'primary',
  className,
  onClick,
  ...rest
}: SubmitButtonProps) {
  const classes = ['button', variant === 'secondary' ? 'button--secondary' : null, className].filter(Boolean).join(' ');
  return (
    <button
      {...rest}
      type="submit"
      className={classes}
      aria-disabled={pending}
      aria-busy={pending}
      onClick={(event: MouseEvent<HTMLButtonElement>) => {
        if (pending) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
    >
      {pending ? <span className="spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}
