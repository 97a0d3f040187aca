import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { SubmitButton } from '../../../components/SubmitButton';

/** The same length rule as the server's (SIGNER_PIN_TOO_WEAK); the server decides. */
export const pinProblem = (pin: string): 'weak' | 'tooLong' | undefined =>
  [...pin.trim()].length < 6 ? 'weak' : [...pin].length > 64 ? 'tooLong' : undefined;

/** A new PIN's field: masked, never remembered by the browser. */
export function NewPin(p: {
  id: string;
  label: string;
  help?: string | undefined;
  error: string | undefined;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <Field id={p.id} label={p.label} help={p.help} error={p.error} required>
      {(props) => (
        <input
          {...props}
          className="input"
          type="password"
          autoComplete="new-password"
          maxLength={64}
          value={p.value}
          onChange={(e) => p.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/**
 * A new PIN typed twice (making a key, a CSR, a PKCS#12 import): `fields` renders both, `check()`
 * shows the problems and returns the PIN when it is long enough and both are the same.
 */
export function usePinPair(id: string, label?: string) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [problems, setProblems] = useState<{ pin?: string; again?: string }>({});
  const check = (): string | undefined => {
    const weak = pinProblem(pin);
    const next = {
      ...(weak ? { pin: t(`documents.keys.${weak}`) } : {}),
      ...(!weak && pin !== again ? { again: t('documents.keys.mismatch') } : {}),
    };
    setProblems(next);
    return next.pin || next.again ? undefined : pin;
  };
  const fields = (
    <>
      <NewPin
        id={id}
        label={label ?? t('documents.keys.pin')}
        help={t('documents.keys.pinHelp')}
        error={problems.pin}
        value={pin}
        onChange={setPin}
      />
      <NewPin
        id={`${id}-again`}
        label={t('documents.keys.pinAgain')}
        error={problems.again}
        value={again}
        onChange={setAgain}
      />
    </>
  );
  return { fields, check };
}

/** A form of just a new PIN typed twice and a submit button: `onPin` gets the PIN once it passes. */
export function NewPinForm(p: { id: string; submit: string; pending: boolean; onPin: (pin: string) => void }) {
  const pins = usePinPair(p.id);
  return (
    <form
      className="stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const pin = pins.check();
        if (pin !== undefined) p.onPin(pin);
      }}
    >
      {pins.fields}
      <div className="form-actions">
        <SubmitButton pending={p.pending}>{p.submit}</SubmitButton>
      </div>
    </form>
  );
}
