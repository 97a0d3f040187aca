import type { ButtonHTMLAttributes, MouseEvent, ReactNode } from 'react';

export interface SubmitButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'disabled'> {
  /** While the form's request is on its way: a spinner, `aria-busy`, and clicks (and Enter) do nothing. */
  pending: boolean;
  children: ReactNode;
  variant?: 'primary' | 'secondary' | 'danger' | 'success';
  /**
   * `submit` (the default) for a form's button, also one outside the form joined by `form=`;
   * `button` for a confirm action that calls its mutation in `onClick` (a dialog's «yes»).
   */
  type?: 'submit' | 'button';
}

const variantClass = {
  primary: null,
  secondary: 'button--secondary',
  danger: 'button--danger',
  success: 'button--success',
} as const;

/**
 * A form's submit button, or any button that sends a request (a dialog's confirm action). While `pending` it is `aria-disabled` (rather than `disabled`, which would
 * drop keyboard focus to the page) and `aria-busy`, shows a spinner, and ignores clicks, including
 * the click the browser makes when Enter submits the form: the request is never sent twice.
 */
export function SubmitButton({
  pending,
  children,
  variant = 'primary',
  type = 'submit',
  className,
  onClick,
  ...rest
}: SubmitButtonProps) {
  const classes = ['button', variantClass[variant], className].filter(Boolean).join(' ');
  return (
    <button
      {...rest}
      type={type}
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
