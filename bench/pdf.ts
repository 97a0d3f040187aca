/**
 * PDF rendering (issue 10, ADR 0021): a two-page Persian letter with a QR code, rendered by
 * platform/pdf (Typst, one warm compiler) and the same letter as HTML printed by headless Chromium
 * (`page.pdf()` in a warm browser, fonts already loaded), each for `seconds`, one after the other,
 * on one core: the measure runs in a child process pinned with `taskset -c 0`, so Chromium's
 * processes, which inherit the pin, get the same one core as Typst. Prints renders per second,
 * the ratio, and Typst's cold first render.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import QRCode from 'qrcode';
import { renderDocument } from '@dargah/api/platform/pdf';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './lib/web';

export interface PdfBench {
  name: string;
  seconds: number;
  pages: number;
  chromiumPages: number;
  typstColdMs: number;
  typstWarmMs: { p50: number; p95: number };
  typstPerSec: number;
  chromiumPerSec: number;
  chromiumWarmMs: { p50: number; p95: number };
  ratio: number;
  cores: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const payload = 'https://dargah.example/v/LTR-1404-000123';
const paragraph =
  'این نامه برای سنجش سرعت ساختن سند فارسی است و باید به درستی تراز شود. نسخه 2.4 از سامانه Dargah در تاریخ 1404/01/15 منتشر شد و شماره ABC-123 را دارد. ';

export const letter = {
  title: 'نامه اداری',
  classification: 'confidential' as const,
  agency: { name: 'سازمان نمونه', unit: 'اداره کل فناوری اطلاعات', address: 'تهران، خیابان آزادی', phone: '۰۲۱-۱۲۳۴۵۶۷۸' },
  qr: { payload, caption: 'اعتبارسنجی سند' },
  letter: {
    number: '14505/ف/1404',
    date: new Date('2025-04-05T08:00:00Z'),
    recipient: 'جناب آقای دکتر محمدی',
    subject: 'درخواست همکاری',
    salutation: 'با سلام و احترام،',
    paragraphs: Array.from({ length: 8 }, () => paragraph.repeat(3)),
    signatory: { name: 'زهرا احمدی', title: 'معاون اداری و مالی' },
    copies: ['دفتر ریاست'],
  },
};

export const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 100) / 100;
};

async function typst(seconds: number) {
  let t = performance.now();
  const first = await renderDocument('letter', letter);
  const coldMs = performance.now() - t;
  const times: number[] = [];
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    t = performance.now();
    await renderDocument('letter', letter);
    times.push(performance.now() - t);
  }
  return { pages: first.pages, coldMs, times, perSec: times.length / seconds };
}

/** The same letter as HTML: Vazirmatn from the package, the same QR SVG, page furniture by Chromium. */
async function letterHtml(): Promise<string> {
  const fonts = path.join(path.dirname(createRequire(import.meta.url).resolve('vazirmatn/package.json')), 'fonts', 'ttf');
  const svg = await QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const l = letter.letter;
  const esc = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
  return `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><style>
@font-face { font-family: Vazirmatn; font-weight: 400; src: url(${pathToFileURL(path.join(fonts, 'Vazirmatn-Regular.ttf')).href}); }
@font-face { font-family: Vazirmatn; font-weight: 700; src: url(${pathToFileURL(path.join(fonts, 'Vazirmatn-Bold.ttf')).href}); }
body { font-family: Vazirmatn; font-size: 11pt; line-height: 1.7; margin: 0; }
p { text-align: justify; margin: 0 0 0.6em; }
.meta { float: left; display: flex; gap: 10px; } .qr svg { width: 2.2cm; height: 2.2cm; }
.sign { width: 45%; margin-right: auto; text-align: center; margin-top: 1.2em; }
</style></head><body>
<div class="meta"><div><b>شماره:</b> ۱۴۵۰۵/ف/۱۴۰۴<br><b>تاریخ:</b> ۱۴۰۴/۰۱/۱۶<br><b>پیوست:</b> ندارد</div><div class="qr">${svg}<div>${esc(letter.qr.caption)}</div></div></div>
<p><b>${esc(l.recipient)}</b></p><p><b>موضوع:</b> ${esc(l.subject)}</p><p>${esc(l.salutation)}</p>
${l.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
<div class="sign"><b>${esc(l.signatory.name)}</b><br>${esc(l.signatory.title)}</div>
<p><b>رونوشت:</b></p><ul>${l.copies.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>
</body></html>`;
}

const furniture = (inner: string) =>
  `<div dir="rtl" style="font-family: Vazirmatn; font-size: 9pt; width: 100%; margin: 0 1.5cm; text-align: center;">${inner}</div>`;

export async function chromiumPdf(seconds: number) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    const html = await letterHtml();
    const print = async () => {
      await page.setContent(html, { waitUntil: 'load' });
      return page.pdf({
        format: 'A4',
        margin: { top: '4cm', bottom: '2.8cm', left: '2.2cm', right: '2.2cm' },
        displayHeaderFooter: true,
        headerTemplate: furniture(`<b style="color:#a3001b">محرمانه</b><br><b>${letter.agency.name}</b> — ${letter.agency.unit}`),
        footerTemplate: furniture(`صفحه <span class="pageNumber"></span> از <span class="totalPages"></span><br><b style="color:#a3001b">محرمانه</b>`),
      });
    };
    await print(); // warm: the browser, the page and its fonts
    await print();
    const times: number[] = [];
    const until = Date.now() + seconds * 1000;
    while (Date.now() < until) {
      const t = performance.now();
      await print();
      times.push(performance.now() - t);
    }
    const pages = (await print()).toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
    return { times, perSec: times.length / seconds, pages };
  } finally {
    await browser.close();
  }
}

/** The measure itself, in this process (run pinned to one core by `benchPdf`). */
export async function measurePdf(seconds: number): Promise<PdfBench> {
  const t = await typst(seconds);
  const c = await chromiumPdf(seconds);
  return {
    name: 'PDF: two-page Persian letter with a QR code',
    seconds,
    pages: t.pages,
    chromiumPages: c.pages,
    typstColdMs: Math.round(t.coldMs * 10) / 10,
    typstWarmMs: { p50: quantile(t.times, 0.5), p95: quantile(t.times, 0.95) },
    typstPerSec: Math.round(t.perSec * 10) / 10,
    chromiumPerSec: Math.round(c.perSec * 10) / 10,
    chromiumWarmMs: { p50: quantile(c.times, 0.5), p95: quantile(c.times, 0.95) },
    ratio: Math.round((t.perSec / c.perSec) * 10) / 10,
    cores: 'one (taskset -c 0)',
  };
}

/** Runs the measure in a child pinned to CPU 0 and returns its figures. */
export function benchPdf(seconds: number): PdfBench {
  return runPinned<PdfBench>('pdf.ts', seconds);
}

/** Runs a bench file of this folder in a child pinned to CPU 0; its last output line is the JSON of its figures. */
export function runPinned<T>(file: string, seconds: number): T {
  const out = execFileSync('taskset', ['-c', '0', process.execPath, '--import', 'tsx', path.join(here, file), String(seconds)], {
    cwd: here,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as T;
}

export function printPdf(r: PdfBench): void {
  console.log(`\n${r.name} (Typst ${r.pages} pages, Chromium ${r.chromiumPages}), ${r.seconds}s each, ${r.cores}`);
  console.log(`  Typst, first render in the process (cold): ${r.typstColdMs} ms`);
  console.log(`  Typst, warm compiler:        ${r.typstPerSec} PDFs/s (p50 ${r.typstWarmMs.p50} ms, p95 ${r.typstWarmMs.p95} ms)`);
  console.log(`  Chromium page.pdf(), warm:   ${r.chromiumPerSec} PDFs/s (p50 ${r.chromiumWarmMs.p50} ms, p95 ${r.chromiumWarmMs.p95} ms)`);
  console.log(`  ratio Typst / Chromium: ${r.ratio}`);
}

// `tsx bench/pdf.ts [seconds]`: the measure, printed as one JSON line (what benchPdf reads).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await measurePdf(Number(process.argv[2] ?? 10))));
}
