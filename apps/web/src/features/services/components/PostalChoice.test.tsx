import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import '../../../app/i18n';
import { ApiError } from '../../../lib/api';
import { profileQuery } from '../../identity';
import { NO_POSTAL, PostalChoice, postalBody, type PostalState } from './PostalChoice';

/*
 * The apply page's "receive the answer by post": the profile's address shown (with a choice of
 * another), or the fields to give one; the server's refusal told at those fields; the body sent.
 */
const PROFILE = { id: '00000000-0000-4000-8000-000000000001', kind: 'person', nationalCode: '0012345678', legalId: null, name: 'مریم احمدی', mobile: '09121234567' } as const;

function render(value: PostalState, profile: { postalCode: string | null; address: string | null }, error: unknown = null): string {
  const client = new QueryClient();
  client.setQueryData(profileQuery.queryKey, { ...PROFILE, ...profile });
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <PostalChoice value={value} onChange={() => undefined} error={error} />
    </QueryClientProvider>,
  );
}

describe('the choice of postal delivery on the apply page', () => {
  it('offers the choice, labelled, and nothing more until it is chosen', () => {
    const html = render(NO_POSTAL, { postalCode: '1619735744', address: 'تهران، میدان ونک، پلاک ۳' });
    expect(html).toContain('<label for="apply-postal-on">پاسخ را با پست دریافت می‌کنم</label>');
    expect(html).not.toContain('apply-postal-postalCode');
  });

  it('chosen, shows the profile’s address with Persian digits and the choice of another', () => {
    const html = render({ ...NO_POSTAL, on: true }, { postalCode: '1619735744', address: 'تهران، میدان ونک، پلاک ۳' });
    expect(html).toContain('به نشانی نمایهٔ من');
    expect(html).toContain('تهران، میدان ونک، پلاک ۳');
    expect(html).toContain('۱۶۱۹۷۳۵۷۴۴');
    expect(html).toContain('به نشانی دیگری که اینجا وارد می‌کنم');
    expect(html).not.toContain('id="apply-postal-postalCode"');
  });

  it('with no address on the profile, asks for one; the server’s POSTAL_ADDRESS_MISSING is told at the fields', () => {
    const missing = new ApiError(422, 'POSTAL_ADDRESS_MISSING', 'نشانی و کد پستی در نمایه نیست؛ آن‌ها را وارد کنید.', { fields: ['postal.postalCode', 'postal.address'] });
    const html = render({ ...NO_POSTAL, on: true }, { postalCode: null, address: null }, missing);
    expect(html).toContain('نشانی و کد پستی در نمایهٔ شما نیست');
    expect(html).toContain('id="apply-postal-postalCode"');
    expect(html).toContain('id="apply-postal-address"');
    expect(html.match(/aria-invalid="true"/g)).toHaveLength(2);
    expect(html).toContain('id="apply-postal-postalCode-error"');
  });

  it('sends nothing when not chosen, {} for the profile’s address, else what was typed', () => {
    expect(postalBody(NO_POSTAL, true)).toBeUndefined();
    expect(postalBody({ ...NO_POSTAL, on: true }, true)).toEqual({});
    const typed = { ...NO_POSTAL, on: true, postalCode: ' ۱۶۱۹۷۳۵۷۴۴ ', address: 'تهران، پلاک ۲', recipientName: '' };
    expect(postalBody(typed, false)).toEqual({ postalCode: '۱۶۱۹۷۳۵۷۴۴', address: 'تهران، پلاک ۲' });
    expect(postalBody({ ...typed, to: 'given' }, true)).toEqual({ postalCode: '۱۶۱۹۷۳۵۷۴۴', address: 'تهران، پلاک ۲' });
  });
});
