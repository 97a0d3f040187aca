import type { InputHTMLAttributes } from 'react';

/**
 * A text box for a code typed as digits (tracking code, national code, the end of a mobile): a
 * numeric keyboard on phones, left to right inside a right-to-left page, no autofill or spelling
 * marks. Persian and Arabic digits are accepted (the API normalises them).
 */
export function DigitsInput(props: InputHTMLAttributes<HTMLInputElement>) {
  return <input className="input input--digits" type="text" inputMode="numeric" dir="ltr" autoComplete="off" spellCheck={false} {...props} />;
}
