import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { toPersianDigits } from '@dargah/persian';
import { createPdfRenderer, directoryTemplates, renderDocument, renderPdf, storedTemplates } from './index';
import {
  pageLabel,
  pageLines,
  pdfFontNames,
  pdfImageCount,
  pdfInfo,
  pdfText,
  readQr,
  sampleLetter,
  sampleReceipt,
  sampleReport,
  squeezed,
  refusal,
} from './test-support';

describe('platform/pdf: the letter', () => {
  it('is A4, several pages, each with its header, footer, «صفحه n از N» and the classification first and last', async () => {
    const doc = await renderDocument('letter', sampleLetter());
    const info = pdfInfo(doc.pdf);
    expect(Number(info.Pages)).toBe(doc.pages);
    expect(doc.pages).toBeGreaterThanOrEqual(2);
    expect(info['Page size']).toMatch(/^595\.\d* x 841\.\d* pts/); // A4
    for (let p = 1; p <= doc.pages; p++) {
      const lines = pageLines(doc.pdf, p);
      expect(lines[0]).toBe('محرمانه');
      expect(lines.at(-1)).toBe('محرمانه');
      const text = squeezed(lines.join('\n'));
      expect(text).toContain(squeezed(pageLabel(p, doc.pages)));
      expect(text).toContain(squeezed('سازمان ثبت اسناد')); // the letterhead on every page (not «املاک»: pdftotext reverses the لا ligature)
      expect(text).toContain(squeezed('https://example.gov.ir')); // the footer's contact line
    }
  });

  it('keeps Persian in logical order, with Latin words and numbers in place, and Persian digits where it writes numbers', async () => {
    const pdf = await renderPdf('letter', sampleLetter());
    const text = squeezed(pdfText(pdf));
    expect(text).toContain(squeezed('نسخه 2.4 از سامانه Dargah در تاریخ 1404/01/15 منتشر شد و شماره ABC-123 را دارد.'));
    expect(text).toContain(squeezed('موضوع: درخواست همکاری در اجرای طرح'));
    // pdftotext moves the colons and slashes between Persian and digits about; the runs themselves hold.
    expect(text).toMatch(/تاریخ:?۱۴۰۴\/۰۱\/۱۶/); // 2025-04-05 in Tehran
    expect(text).toMatch(/شماره.*۱۴۵۰۵.*ق.*۱۴۰۴/);
    expect(text).toContain(squeezed('زهرا احمدی'));
    expect(text).not.toMatch(/صفحه\d/); // page numbers never in Latin digits
  });

  it('carries a QR code that reads back as its payload', async () => {
    const pdf = await renderPdf('letter', sampleLetter());
    expect(readQr(pdf, 1)).toBe('https://dargah.example/v/LTR-0001');
  });

  it('embeds Vazirmatn and no other font', async () => {
    const fonts = pdfFontNames(await renderPdf('letter', sampleLetter()));
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/^Vazirmatn-(Regular|Bold)$/);
  });

  it('has no mark when the document has no classification', async () => {
    const { classification: _c, ...unclassified } = sampleLetter();
    const pdf = await renderPdf('letter', unclassified);
    expect(pdfText(pdf)).not.toMatch(/محرمانه|سری/);
  });

  it('gives the same bytes for the same data (no clock inside), and different bytes for different data', async () => {
    const a = await renderPdf('letter', sampleLetter());
    const b = await renderPdf('letter', sampleLetter());
    expect(a.equals(b)).toBe(true);
    const c = await renderPdf('letter', sampleLetter({ classification: 'secret' }));
    expect(a.equals(c)).toBe(false);
  });
});

describe('platform/pdf: the receipt', () => {
  it('fits one A5 page with the tracking code, dates and fee in Persian digits, and its QR code', async () => {
    const doc = await renderDocument('receipt', sampleReceipt(), { paper: 'A5' });
    const info = pdfInfo(doc.pdf);
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toMatch(/^419\.\d* x 595\.\d* pts/); // A5
    const text = squeezed(pdfText(doc.pdf));
    expect(text).toContain(squeezed(`R-${toPersianDigits('1404-000123')}`));
    expect(text).toMatch(/۱۴۰۴\/۰۱\/۱۶ساعت۱۰:۰۰/); // 06:30Z is 10:00 in Tehran
    expect(text).toContain(squeezed(`${toPersianDigits('1404/01/23')}`));
    expect(text).toContain(squeezed('۱۲۵٬۰۰۰ ریال'));
    expect(text).toContain(squeezed(pageLabel(1, 1)));
    expect(readQr(doc.pdf, 1)).toBe('https://dargah.example/v/R-1404-000123');
  });

  it('shows the agency logo passed as bytes in the header of every page', async () => {
    const logo = await QRCode.toBuffer('LOGO', { type: 'png', margin: 1 });
    const without = await renderPdf('receipt', sampleReceipt());
    expect(pdfImageCount(without)).toBe(0); // the QR code is vector
    const withLogo = await renderDocument('report', {
      ...sampleReport(),
      agency: { ...sampleReport().agency, logo: { bytes: logo, type: 'png' } },
    });
    expect(withLogo.pages).toBeGreaterThan(1);
    expect(pdfImageCount(withLogo.pdf)).toBe(withLogo.pages);
    const svgLogo = await QRCode.toString('LOGO', { type: 'svg' });
    const withSvg = await renderPdf('receipt', {
      ...sampleReceipt(),
      agency: { ...sampleReceipt().agency, logo: { bytes: Buffer.from(svgLogo), type: 'svg' } },
    });
    expect(pdfInfo(withSvg).Pages).toBe('1');
  });
});

describe('platform/pdf: the report', () => {
  it('spans pages with its table header repeated on each, every row once, numbers in Persian digits', async () => {
    const doc = await renderDocument('report', sampleReport(120));
    expect(doc.pages).toBeGreaterThanOrEqual(3);
    const all = squeezed(pdfText(doc.pdf));
    for (let p = 1; p <= doc.pages; p++) {
      const lines = pageLines(doc.pdf, p);
      expect(lines[0]).toBe('سری');
      expect(lines.at(-1)).toBe('سری');
      const header = lines.find((l) => l.includes('ردیف'));
      expect(header, `page ${p} has the table header`).toBeDefined();
      expect(squeezed(header!)).toMatch(/ردیف.*خدمت.*تعداد|تعداد.*خدمت.*ردیف/);
      expect(squeezed(lines.join(''))).toContain(squeezed(pageLabel(p, doc.pages)));
    }
    const rows = (all.match(/شمارهS\d+/g) ?? []).map((m) => Number(m.slice(6)));
    expect(rows.sort((a, b) => a - b)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(all).toContain(toPersianDigits('119'));
  });
});

describe('platform/pdf: templates per agency', () => {
  const custom =
    '#import "/lib.typ": *\n#let d = data()\n#show: dargah-document.with(d)\nقالب ویژه استان\n\n#d.receipt.fields.at(0).value\n';

  it('uses an agency folder template for that agency only, and the repo one for the others', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dargah-tpl-'));
    fs.mkdirSync(path.join(dir, 'agency-7'));
    fs.writeFileSync(path.join(dir, 'agency-7', 'receipt.typ'), custom);
    const renderer = createPdfRenderer({ templates: [directoryTemplates(dir)] });
    const own = await renderer.renderDocument('receipt', sampleReceipt(), { agencyId: 'agency-7' });
    expect(own.template.origin).toBe('agency');
    expect(squeezed(pdfText(own.pdf))).toContain(squeezed('قالب ویژه استان'));
    expect(squeezed(pdfText(own.pdf))).toContain(squeezed(`R-${toPersianDigits('1404-000123')}`));
    const other = await renderer.renderDocument('receipt', sampleReceipt(), { agencyId: 'agency-8' });
    expect(other.template.origin).toBe('repo');
    expect(pdfText(other.pdf)).not.toContain('قالب ویژه');
    // An agency id that is a path is never a folder name.
    const escape = await renderer.renderDocument('receipt', sampleReceipt(), { agencyId: '../agency-7' });
    expect(escape.template.origin).toBe('repo');
    expect(own.template.version).not.toBe(other.template.version);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes an agency template from a stored blob', async () => {
    const renderer = createPdfRenderer({
      templates: [
        storedTemplates(async (agencyId, kind) =>
          agencyId === 'a1' && kind === 'receipt' ? Buffer.from(custom) : undefined,
        ),
      ],
    });
    expect((await renderer.renderDocument('receipt', sampleReceipt(), { agencyId: 'a1' })).template.origin).toBe(
      'agency',
    );
    expect((await renderer.renderDocument('letter', sampleLetter(), { agencyId: 'a1' })).template.origin).toBe('repo');
  });

  it('turns a broken or sandbox-breaking template into a coded error, and goes on rendering', async () => {
    const templates: Record<string, string> = {
      syntax: '#let x = (',
      panics: '#panic("boom")',
      outside: '#read("../../../../../../etc/passwd")',
      absolute: '#read("/etc/passwd")',
      package: '#import "@preview/cetz:0.3.0": *',
      computed: '#import ("@pre" + "view/cetz:0.3.0"): *',
    };
    const renderer = createPdfRenderer({ templates: [storedTemplates(async (agencyId) => templates[agencyId])] });
    for (const [agencyId, code] of [
      ['syntax', 'PDF_TEMPLATE_FAILED'],
      ['panics', 'PDF_TEMPLATE_FAILED'],
      ['outside', 'PDF_TEMPLATE_FAILED'],
      ['absolute', 'PDF_TEMPLATE_FAILED'],
      ['package', 'PDF_TEMPLATE_REFUSED'],
      ['computed', 'PDF_TEMPLATE_REFUSED'],
    ] as const) {
      const e = await refusal(renderer.renderPdf('receipt', sampleReceipt(), { agencyId }));
      expect(e.code, agencyId).toBe(code);
      expect(JSON.stringify(e.details)).not.toContain('root:');
    }
    expect(pdfInfo(await renderer.renderPdf('receipt', sampleReceipt(), { agencyId: 'none' })).Pages).toBe('1');
  });
});

describe('platform/pdf: bad data', () => {
  it('refuses missing or malformed data with PDF_DATA_INVALID naming the field', async () => {
    const { letter, ...rest } = sampleLetter();
    const e = await refusal(renderPdf('letter', { ...rest, letter: { ...letter, paragraphs: [] } }));
    expect(e.code).toBe('PDF_DATA_INVALID');
    expect(JSON.stringify(e.details)).toContain('letter.paragraphs');
    const report = sampleReport(2);
    report.report.table.rows[1] = [1, 'x'];
    expect((await refusal(renderPdf('report', report))).code).toBe('PDF_DATA_INVALID');
    expect((await refusal(renderPdf('receipt', sampleReceipt(), { paper: 'A3' as 'A4' }))).code).toBe(
      'PDF_DATA_INVALID',
    );
    expect((await refusal(renderPdf('invoice' as 'receipt', sampleReceipt()))).code).toBe('PDF_TEMPLATE_NOT_FOUND');
    expect((await refusal(renderPdf('receipt', { ...sampleReceipt(), title: ' ' }))).code).toBe('PDF_DATA_INVALID');
  });

  it('refuses a logo that is not the picture it claims to be, or that cannot be decoded', async () => {
    const agency = sampleReceipt().agency;
    const asPng = { bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), type: 'png' as const };
    expect((await refusal(renderPdf('receipt', { ...sampleReceipt(), agency: { ...agency, logo: asPng } }))).code).toBe(
      'PDF_IMAGE_INVALID',
    );
    const broken = {
      bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]),
      type: 'png' as const,
    };
    expect(
      (await refusal(renderPdf('receipt', { ...sampleReceipt(), agency: { ...agency, logo: broken } }))).code,
    ).toBe('PDF_IMAGE_INVALID');
    const huge = { bytes: Buffer.alloc(2 * 1024 * 1024), type: 'png' as const };
    expect((await refusal(renderPdf('receipt', { ...sampleReceipt(), agency: { ...agency, logo: huge } }))).code).toBe(
      'PDF_DATA_INVALID',
    );
  });
});

describe('platform/pdf: concurrency', () => {
  it('renders 16 documents at once, each with its own data', async () => {
    const codes = Array.from({ length: 16 }, (_, i) => `C-${1000 + i}`);
    const pdfs = await Promise.all(
      codes.map((code, i) =>
        i % 2 ? renderPdf('receipt', sampleReceipt(code)) : renderPdf('receipt', sampleReceipt(code), { paper: 'A5' }),
      ),
    );
    pdfs.forEach((pdf, i) => {
      const text = squeezed(pdfText(pdf));
      expect(text).toContain(`C-${toPersianDigits(1000 + i)}`);
      for (const other of codes.filter((_, j) => j !== i))
        expect(text).not.toContain(`C-${toPersianDigits(other.slice(2))}`);
      expect(pdfInfo(pdf)['Page size']).toMatch(i % 2 ? /^595\./ : /^419\./);
    });
    expect(readQr(pdfs[5]!)).toBe(`https://dargah.example/v/${codes[5]}`);
  });
});
