import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { toPersianDigits } from '@dargah/persian';
import { expect } from 'vitest';
import { DomainError } from '../http/errors';

/*
 * Reading rendered PDFs back with tools no one here wrote: poppler-utils (pdftotext, pdfinfo,
 * pdffonts, pdfimages, pdftoppm; Debian's package, installed by .ci/run) and jsQR.
 */

function withFile<T>(pdf: Buffer, f: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dargah-pdf-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return f(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { maxBuffer: 64 * 1024 * 1024 });

/** pdfinfo's fields (Pages, Page size…). */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = withFile(pdf, (f) => run('pdfinfo', [f]).toString('utf8'));
  return Object.fromEntries(
    out
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

/**
 * pdftotext's text, of one page or all, with the bidi embedding marks it adds (U+202A–U+202E) and
 * the zero-width spaces the renderer puts into long runs taken out.
 */
export function pdfText(pdf: Buffer, opts: { page?: number; layout?: boolean } = {}): string {
  const args = [
    ...(opts.layout ? ['-layout'] : []),
    ...(opts.page ? ['-f', String(opts.page), '-l', String(opts.page)] : []),
  ];
  return withFile(pdf, (f) => run('pdftotext', [...args, f, '-']).toString('utf8')).replace(
    /[\u202A-\u202E\u200B]/g,
    '',
  );
}

/** The text without any whitespace: pdftotext's spacing around embedded Latin runs varies, the order does not. */
export const squeezed = (s: string) => s.replace(/\s+/g, '');

/** The non-empty lines of one page, as laid out. */
export function pageLines(pdf: Buffer, page: number): string[] {
  return pdfText(pdf, { page, layout: true })
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** The names of the fonts embedded in the PDF (pdffonts), without the subset prefix. */
export function pdfFontNames(pdf: Buffer): string[] {
  const out = withFile(pdf, (f) => run('pdffonts', [f]).toString('utf8'));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
}

/** How many raster images the PDF holds (pdfimages -list). */
export function pdfImageCount(pdf: Buffer): number {
  const out = withFile(pdf, (f) => run('pdfimages', ['-list', f]).toString('utf8'));
  // Columns: page num type width height…; a soft mask (the alpha of a PNG) is not a picture of its own.
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim().split(/\s+/)[2] === 'image').length;
}

/** The QR code found on a page rasterised by pdftoppm, or undefined. */
export function readQr(pdf: Buffer, page = 1, dpi = 150): string | undefined {
  const ppm = withFile(pdf, (f) =>
    run('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', f]),
  );
  // Binary PPM (P6): "P6\n<w> <h>\n<max>\n" then RGB bytes.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a P6 PPM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const rgb = ppm.subarray(header[0].length);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = 0; i < width * height; i++, j += 3) {
    rgba[i * 4] = rgb[j]!;
    rgba[i * 4 + 1] = rgb[j + 1]!;
    rgba[i * 4 + 2] = rgb[j + 2]!;
    rgba[i * 4 + 3] = 255;
  }
  return jsQR(rgba, width, height)?.data;
}

/** «صفحه n از N» as the footer writes it. */
export const pageLabel = (n: number, total: number) => `صفحه ${toPersianDigits(n)} از ${toPersianDigits(total)}`;

/** An agency as the letterhead shows it. */
export const sampleAgency = {
  name: 'سازمان ثبت اسناد و املاک کشور',
  unit: 'اداره کل ثبت استان تهران',
  address: 'تهران، خیابان ۱۵ خرداد',
  phone: '۰۲۱-۸۸۷۷۶۶۵۵',
  website: 'https://example.gov.ir',
};

/** A paragraph mixing Persian, Latin words and numbers (no لا: pdftotext splits that ligature backwards). */
export const mixedParagraph =
  'این متن برای آزمودن چینش فارسی است و باید درست تراز شود. نسخه 2.4 از سامانه Dargah در تاریخ 1404/01/15 منتشر شد و شماره ABC-123 را دارد. ';

export function sampleLetter(over: { paragraphs?: string[]; classification?: 'confidential' | 'secret' } = {}) {
  return {
    title: 'نامه اداری',
    classification: over.classification ?? 'confidential',
    agency: sampleAgency,
    qr: { payload: 'https://dargah.example/v/LTR-0001', caption: 'اعتبارسنجی سند' },
    letter: {
      number: '14505/ق/1404',
      date: new Date('2025-04-05T08:00:00Z'),
      attachments: '2 برگ',
      recipient: 'جناب آقای دکتر محمدی',
      recipientLines: ['مدیرکل محترم امور حقوقی'],
      subject: 'درخواست همکاری در اجرای طرح',
      salutation: 'با سلام و احترام،',
      paragraphs: over.paragraphs ?? Array.from({ length: 7 }, () => mixedParagraph.repeat(4)),
      signatory: { name: 'زهرا احمدی', title: 'معاون اداری و مالی' },
      copies: ['دفتر ریاست', 'بایگانی'],
    },
  };
}

export function sampleReceipt(trackingCode = 'R-1404-000123') {
  return {
    title: 'رسید درخواست',
    agency: sampleAgency,
    qr: { payload: `https://dargah.example/v/${trackingCode}` },
    receipt: {
      trackingCode,
      serviceName: 'صدور گواهی عدم سوءپیشینه',
      applicantName: 'علی رضایی',
      receivedAt: new Date('2025-04-05T06:30:00Z'),
      answerDueAt: new Date('2025-04-12T06:30:00Z'),
      fee: 125000,
      fields: [{ label: 'کد ملی', value: '0013542419' }],
      notes: ['این رسید را تا پایان کار نگه دارید.'],
    },
  };
}

export function sampleReport(rows = 120) {
  return {
    title: 'گزارش درخواست‌ها',
    classification: 'secret' as const,
    agency: sampleAgency,
    report: {
      subtitle: 'فصل بهار',
      generatedAt: new Date('2025-06-01T06:00:00Z'),
      intro: ['خلاصه درخواست‌های ثبت‌شده در سه ماه.'],
      table: {
        columns: [{ label: 'ردیف', numeric: true }, { label: 'خدمت' }, { label: 'تعداد', numeric: true }],
        rows: Array.from({ length: rows }, (_, i) => [i + 1, `خدمت شماره S${i + 1}`, (i * 137) % 1000]),
      },
      closing: ['پایان گزارش.'],
    },
  };
}

/** The coded refusal a render ends in (a DomainError, never another exception). */
export async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}
