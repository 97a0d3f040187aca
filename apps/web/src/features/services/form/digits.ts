import { isIdentifierFormat, type IdentifierFormat } from '@dargah/contracts';
import { normalizeIdentifierInput, toAsciiDigits, toPersianDigits } from '@dargah/persian';

/**
 * What a code field holds and shows (ADR 0035). Persian (۰–۹) and Arabic (٠–٩) digits are
 * accepted everywhere; the form data holds ASCII digits so the client validator checks what the
 * server will store, and the box shows Persian digits on a Persian page.
 */

/** The canonical value of what was typed in an identifier box: ASCII digits, no spaces or dashes; a Sheba in capitals. */
export function normaliseCode(text: string, format?: IdentifierFormat): string {
  if (!format) return toAsciiDigits(text);
  const compact = normalizeIdentifierInput(text);
  return format === 'ir-sheba' ? compact.toUpperCase() : compact;
}

/** A code as the box shows it: Persian digits on a Persian page (a Sheba keeps its Latin `IR`). */
export function showCode(value: string, lang: string): string {
  return lang === 'fa' ? toPersianDigits(value) : value;
}

/** The identifier format of a schema property (`format: "ir-national-code"`…), if it is one. */
export const identifierOf = (format: unknown): IdentifierFormat | undefined => (isIdentifierFormat(format) ? format : undefined);

/**
 * A number typed in any digits (`۱۲٫۵`, `١٢,٥`, `12.5`) as a number, or undefined while it is not one yet.
 * Persian/Arabic decimal separators (٫ ,) are read as the decimal point; thousands separators are dropped.
 */
export function parseNumber(text: string): number | undefined {
  const ascii = toAsciiDigits(text).replace(/[٬\s]/g, '').replace(/[٫,]/g, '.');
  if (!/^-?\d+(\.\d+)?$/.test(ascii)) return undefined;
  return Number(ascii);
}

/** Every string in form data with its digits in ASCII where the schema asks for a code (a pattern or a format), recursively. */
export function asciiCodes(schema: Record<string, unknown>, data: unknown): unknown {
  if (typeof data === 'string') {
    if (isIdentifierFormat(schema.format)) return normaliseCode(data, schema.format);
    return schema.pattern !== undefined || schema.format !== undefined ? toAsciiDigits(data) : data;
  }
  if (Array.isArray(data)) {
    const items = (schema.items ?? {}) as Record<string, unknown>;
    return data.map((d) => asciiCodes(items, d));
  }
  if (typeof data === 'object' && data !== null) {
    const props = (schema.properties ?? {}) as Record<string, Record<string, unknown> | undefined>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(data)) out[k] = asciiCodes(props[k] ?? {}, v);
    return out;
  }
  return data;
}
