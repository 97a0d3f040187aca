// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../app/i18n';
import { DeskForm, type FormData } from './DeskForm';

afterEach(cleanup);

const SCHEMA = {
  type: 'object',
  required: ['nationalCode'],
  properties: {
    nationalCode: { type: 'string', title: 'کد ملی', format: 'ir-national-code' },
    count: { type: 'integer', title: 'تعداد' },
    kind: { type: 'string', title: 'نوع', enum: ['حقیقی', 'حقوقی'] },
  },
  allOf: [{ if: { properties: { kind: { const: 'حقوقی' } }, required: ['kind'] }, then: { properties: { legalId: { type: 'string', title: 'شناسه ملی', format: 'ir-legal-id' } }, required: ['legalId'] } }],
};

function Harness({ onSubmit, serverErrors }: { onSubmit: (d: FormData) => void; serverErrors?: { field: string; message: string }[] }) {
  const [data, setData] = useState<FormData>({});
  return (
    <DeskForm schema={SCHEMA} formData={data} onChange={setData} onSubmit={onSubmit} serverErrors={serverErrors}>
      <button type="submit">ثبت</button>
    </DeskForm>
  );
}

describe('DeskForm', () => {
  it('takes a national code in Arabic digits, shows it in Persian digits and sends it in ASCII; a number typed in Persian digits is sent as a number', async () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    const code = screen.getByLabelText(/کد ملی/);
    fireEvent.change(code, { target: { value: '٠٠١٣٥٤٢٤١٩' } });
    expect((code as HTMLInputElement).value).toBe('۰۰۱۳۵۴۲۴۱۹');
    fireEvent.change(screen.getByLabelText(/تعداد/), { target: { value: '۱۲' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'ثبت' }));
    });
    expect(onSubmit).toHaveBeenCalledWith({ nationalCode: '0013542419', count: 12 });
  });

  it('refuses a wrong national code with the Persian sentence at the field, tied to the control, and sends nothing', async () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    const code = screen.getByLabelText(/کد ملی/);
    fireEvent.change(code, { target: { value: '۰۰۱۳۵۴۲۴۱۸' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'ثبت' }));
    });
    expect(onSubmit).not.toHaveBeenCalled();
    const error = document.getElementById('f-nationalCode__error');
    expect(error?.textContent).toContain('کد ملی ۱۰ رقم است');
    expect(code.getAttribute('aria-describedby')).toContain('f-nationalCode__error');
    expect(code.getAttribute('aria-invalid')).toBe('true');
    // The summary at the top links to the field.
    const link = screen.getByRole('alert').querySelector('a');
    expect(link?.getAttribute('href')).toBe('#f-nationalCode');
    expect(link?.textContent).toContain('کد ملی: کد ملی ۱۰ رقم است');
  });

  it('shows a conditional field only when its condition holds', () => {
    render(<Harness onSubmit={vi.fn()} />);
    expect(screen.queryByLabelText(/شناسه ملی/)).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'حقوقی' }));
    expect(screen.getByLabelText(/شناسه ملی/)).toBeTruthy();
  });

  it('shows the server’s problem at its field', () => {
    render(<Harness onSubmit={vi.fn()} serverErrors={[{ field: 'body.form.nationalCode', message: 'این کد ملی در سامانه ثبت احوال نیست.' }]} />);
    expect(document.getElementById('f-nationalCode__error')?.textContent).toContain('این کد ملی در سامانه ثبت احوال نیست.');
  });
});
