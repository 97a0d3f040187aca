import QRCode from 'qrcode';
import { z } from 'zod';
import { toPersianDigits } from '@dargah/persian';
import { DomainError } from '../http/errors';
import type { DocumentKind } from './templates';
import { breakLongRuns, jalaliDate, jalaliDateTime, persianAmount } from './text';

/*
 * The data each document kind takes (zod, checked before rendering), and how it becomes the JSON a
 * template reads: dates in Jalali with Persian digits, amounts grouped, identifiers in Persian
 * digits, the QR code drawn as SVG, the logo replaced by the path the compiler knows it by. Text
 * stays text: templates place these strings, never evaluate them.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const paragraphs = (max: number) => z.array(text(20_000)).max(max);

/** Security classes (آیین‌نامه طرز نگاهداری اسناد سری و محرمانه دولتی): printed at top and bottom of each page. */
export const Classification = z.enum(['confidential', 'highly-confidential', 'secret', 'top-secret']);
export type Classification = z.infer<typeof Classification>;
const classificationLabel: Record<Classification, string> = {
  confidential: 'محرمانه',
  'highly-confidential': 'خیلی محرمانه',
  secret: 'سری',
  'top-secret': 'به‌کلی سری',
};

/** A logo or other picture, as bytes the caller read (from platform/files or elsewhere). */
export const PdfImage = z.object({
  bytes: z
    .custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes')
    .refine((b) => b.byteLength > 0 && b.byteLength <= 1024 * 1024, 'between 1 byte and 1 MB'),
  type: z.enum(['png', 'jpeg', 'svg']),
});
export type PdfImage = z.infer<typeof PdfImage>;

const Agency = z.object({
  name: text(200),
  unit: text(200).optional(),
  address: text(300).optional(),
  phone: text(50).optional(),
  website: text(200).optional(),
  logo: PdfImage.optional(),
});

const Common = {
  title: text(300),
  classification: Classification.optional(),
  agency: Agency,
  /** What the QR code on the first page holds (item 6 of issue 10 decides the layout), and a caption. */
  qr: z.object({ payload: z.string().min(1).max(1024), caption: text(120).optional() }).optional(),
};

export const ReceiptData = z.object({
  ...Common,
  receipt: z.object({
    trackingCode: text(64),
    serviceName: text(300),
    applicantName: text(200),
    receivedAt: z.date(),
    answerDueAt: z.date().optional(),
    /** Rials. */
    fee: z.number().int().nonnegative().max(1e15).optional(),
    fields: z
      .array(z.object({ label: text(100), value: text(2000) }))
      .max(50)
      .default([]),
    notes: paragraphs(20).default([]),
  }),
});

export const LetterData = z.object({
  ...Common,
  letter: z.object({
    number: text(40),
    date: z.date(),
    attachments: text(200).optional(),
    recipient: text(300),
    recipientLines: z.array(text(300)).max(5).default([]),
    subject: text(500),
    salutation: text(200).optional(),
    paragraphs: paragraphs(200).min(1),
    signatory: z.object({ name: text(200), title: text(200) }),
    copies: z.array(text(300)).max(30).default([]),
  }),
});

const Cell = z.union([z.string().max(2000), z.number().finite(), z.null()]);
export const ReportData = z.object({
  ...Common,
  report: z
    .object({
      subtitle: text(300).optional(),
      generatedAt: z.date(),
      intro: paragraphs(50).default([]),
      table: z.object({
        columns: z
          .array(z.object({ label: text(100), numeric: z.boolean().default(false) }))
          .min(1)
          .max(12),
        rows: z.array(z.array(Cell)).max(5000),
      }),
      closing: paragraphs(50).default([]),
    })
    .refine((r) => r.table.rows.every((row) => row.length === r.table.columns.length), {
      message: 'every row has one cell per column',
      path: ['table', 'rows'],
    }),
});

/** A request's answer (پاسخ درخواست, issue 11 item 7): the decision with its reasons and legal basis. */
export const AnswerData = z.object({
  ...Common,
  answer: z.object({
    trackingCode: text(64),
    serviceName: text(300),
    applicantName: text(200),
    submittedAt: z.date(),
    decidedAt: z.date(),
    decision: z.enum(['approved', 'partially_approved', 'rejected']),
    /** The parts not granted, for a partial approval. */
    notGranted: text(2000).optional(),
    reasons: paragraphs(20).default([]),
    legalBasis: z
      .array(z.object({ law: text(300), article: text(50) }))
      .max(20)
      .default([]),
    deciderRole: text(100),
    /**
     * The body the service version's output template gives (ADR 0038): paragraphs of text, placed
     * as text like every other string, after the decision table; and which of the fixed parts
     * (reasons, legal basis, parts not granted) the template already places, not repeated below it.
     */
    body: z
      .object({
        paragraphs: z.array(text(100_000)).max(500),
        places: z.array(z.enum(['reasons', 'legalBasis', 'notGranted'])).max(3).default([]),
      })
      .optional(),
  }),
});

export type ReceiptData = z.input<typeof ReceiptData>;
export type AnswerData = z.input<typeof AnswerData>;
export type LetterData = z.input<typeof LetterData>;
export type ReportData = z.input<typeof ReportData>;

/** The data each kind takes. */
export interface DocumentData {
  receipt: ReceiptData;
  letter: LetterData;
  report: ReportData;
  answer: AnswerData;
}

const schemas = { receipt: ReceiptData, letter: LetterData, report: ReportData, answer: AnswerData } as const;

/** A cited legal basis as the answer writes it: «قانون …، ماده ۱۲». */
export const legalBasisLine = (l: { law: string; article: string }) => `${l.law}، ماده ${toPersianDigits(l.article)}`;

export const decisionLabel = { approved: 'تأیید', partially_approved: 'تأیید بخشی از درخواست', rejected: 'رد' } as const;

/** The paper sizes templates lay out for. */
export const PAPER_SIZES = ['A4', 'A5'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/** Checks a kind's data; bad data is PDF_DATA_INVALID with zod's issues (paths and codes). */
export function parseDocumentData<K extends DocumentKind>(kind: K, data: unknown) {
  const parsed = schemas[kind].safeParse(data);
  if (!parsed.success) {
    throw new DomainError('PDF_DATA_INVALID', {
      kind,
      issues: parsed.error.issues
        .slice(0, 20)
        .map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message })),
    });
  }
  return parsed.data;
}

type Parsed = z.output<(typeof schemas)[DocumentKind]>;

/** The kind's own part, as the template shows it. */
function body(kind: DocumentKind, d: Parsed): Record<string, unknown> {
  if (kind === 'receipt' && 'receipt' in d) {
    const r = d.receipt;
    const fields = [
      { label: 'کد رهگیری', value: toPersianDigits(r.trackingCode) },
      { label: 'خدمت', value: r.serviceName },
      { label: 'درخواست‌دهنده', value: r.applicantName },
      { label: 'زمان دریافت', value: jalaliDateTime(r.receivedAt) },
      ...(r.answerDueAt ? [{ label: 'موعد پاسخ', value: jalaliDate(r.answerDueAt) }] : []),
      ...(r.fee !== undefined ? [{ label: 'مبلغ پرداختی', value: `${persianAmount(r.fee)} ریال` }] : []),
      ...r.fields,
    ];
    return { receipt: { fields, notes: r.notes } };
  }
  if (kind === 'letter' && 'letter' in d) {
    const l = d.letter;
    return {
      letter: {
        ...l,
        number: toPersianDigits(l.number),
        date: jalaliDate(l.date),
        attachments: l.attachments ?? 'ندارد',
        salutation: l.salutation ?? null,
      },
    };
  }
  if (kind === 'report' && 'report' in d) {
    const r = d.report;
    const cell = (c: z.infer<typeof Cell>) => (c === null ? '' : typeof c === 'number' ? persianAmount(c) : c);
    return {
      report: {
        subtitle: r.subtitle ?? null,
        generatedAt: jalaliDate(r.generatedAt),
        intro: r.intro,
        closing: r.closing,
        table: { columns: r.table.columns, rows: r.table.rows.map((row) => row.map(cell)) },
      },
    };
  }
  if (kind === 'answer' && 'answer' in d) {
    const a = d.answer;
    const fields = [
      { label: 'کد رهگیری', value: toPersianDigits(a.trackingCode) },
      { label: 'خدمت', value: a.serviceName },
      { label: 'درخواست‌دهنده', value: a.applicantName },
      { label: 'تاریخ درخواست', value: jalaliDate(a.submittedAt) },
      { label: 'تاریخ پاسخ', value: jalaliDate(a.decidedAt) },
      { label: 'نتیجه', value: decisionLabel[a.decision] },
      { label: 'پاسخ‌دهنده', value: a.deciderRole },
    ];
    const places = new Set(a.body?.places ?? []);
    return {
      answer: {
        fields,
        decision: a.decision,
        decisionLabel: decisionLabel[a.decision],
        body: a.body ? a.body.paragraphs : null,
        notGranted: places.has('notGranted') ? null : (a.notGranted ?? null),
        reasons: places.has('reasons') ? [] : a.reasons,
        legalBasis: places.has('legalBasis') ? [] : a.legalBasis.map(legalBasisLine),
      },
    };
  }
  throw new DomainError('PDF_TEMPLATE_NOT_FOUND', { kind });
}

/** Every string in a JSON-like value, mapped. */
function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  return value;
}

/**
 * The JSON a template reads (`data()` in lib.typ). The QR code is an SVG string the template turns
 * into an image; `agency.logo` is filled in by the renderer with the path the compiler keeps the
 * logo's bytes under.
 */
export async function templateData(kind: DocumentKind, d: Parsed, paper: PaperSize) {
  const { logo: _logo, ...agency } = d.agency;
  const shown = mapStrings({ title: d.title, agency, ...body(kind, d) }, breakLongRuns) as Record<string, unknown>;
  return {
    ...shown,
    paper: paper.toLowerCase(),
    classification: d.classification ? classificationLabel[d.classification] : null,
    agency: { ...(shown.agency as object), logo: null as string | null },
    qr: d.qr
      ? {
          svg: await QRCode.toString(d.qr.payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
          caption: d.qr.caption ? breakLongRuns(d.qr.caption) : null,
        }
      : null,
  };
}
