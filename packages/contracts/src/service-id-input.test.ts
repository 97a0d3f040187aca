import { describe, expect, it } from 'vitest';
import { CatalogueServiceId } from './catalogue-reports';
import { MarkInput } from './catalogue-architecture';
import { ServiceIdInput } from './catalogue';

describe('ServiceIdInput: a service id as people type it', () => {
  it('takes Persian, Arabic-Indic or ASCII digits, with spaces, ZWNJ or dashes, as the same id', () => {
    for (const typed of ['10000000013', '۱۰۰۰۰۰۰۰۰۱۳', '١٠٠٠٠٠٠٠٠١٣', ' ۱۰۰-۰۰۰۰۰\u200c۰۱۳ ', '100 000 000 13'])
      expect(ServiceIdInput.parse(typed), typed).toBe('10000000013');
  });

  it('refuses anything that is not eleven digits', () => {
    for (const typed of ['1000000001', '100000000134', '1000000001a', '', 'یک'])
      expect(ServiceIdInput.safeParse(typed).success, typed).toBe(false);
  });

  it('is what the desk link, the delivery reports and the marks accept', () => {
    expect(CatalogueServiceId.parse('١٠٠٠٠٠٠٠٠١٣')).toBe('10000000013');
    expect(MarkInput.safeParse({ serviceId: '١٠٠٠٠٠٠٠٠١٣', kind: 'removable' }).success).toBe(true);
  });
});
