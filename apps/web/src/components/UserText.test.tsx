import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import '../app/i18n';
import { i18n } from '../lib/i18n';
import { Tx, UserText } from './UserText';

afterAll(() => i18n.changeLanguage('fa'));

describe('user content inside interface text', () => {
  it('in English, a Persian service title followed by a full stop renders inside a bdi', async () => {
    await i18n.changeLanguage('en');
    const html = renderToStaticMarkup(<Tx k="apply.lead" values={{ agency: 'وزارت کار (ستاد).', n: 5 }} />);
    expect(html).toBe('<bdi>وزارت کار (ستاد).</bdi> · answer within 5 working days');
    expect(renderToStaticMarkup(<UserText>درخواست گواهی.</UserText>)).toBe('<bdi>درخواست گواهی.</bdi>');
  });

  it('in Persian, numbers get Persian digits and a Latin name is isolated', async () => {
    await i18n.changeLanguage('fa');
    expect(renderToStaticMarkup(<Tx k="apply.lead" values={{ agency: 'Ministry of Labour', n: 5 }} />)).toBe(
      '<bdi>Ministry of Labour</bdi> · مهلت پاسخ ۵ روز کاری',
    );
  });
});
