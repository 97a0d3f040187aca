import type { Page } from 'playwright-core';

/**
 * Fills a service's application form the way a citizen would, by the labels on the page, with
 * values that satisfy the service's JSON Schema (read from the API): every required field, and
 * every checkbox that must be ticked. Digits are typed in Persian, as many people do.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const persianDigits = (text: string) => text.replace(/\d/g, (d) => PERSIAN[Number(d)]!);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A field's accessible name: its title, and « (اختیاری)» on optional fields. */
const labelPattern = (label: string) => new RegExp(`^\\s*${escapeRegExp(label)}(\\s*\\(اختیاری\\))?\\s*$`);

/** Known identifier fields need valid values, not just any text. */
function knownValue(name: string, citizen: { nationalCode: string; mobileTyped: string }): string | undefined {
  const n = name.toLowerCase();
  if (n.includes('postal')) return '۱۳۴۵۶۷۸۹۰۱';
  if (n.includes('nationalcode')) return citizen.nationalCode;
  if (n.includes('mobile') || n.includes('phone')) return citizen.mobileTyped;
  if (n.includes('email')) return 'citizen@example.ir';
  return undefined;
}

function optionsOf(prop: Json): Array<{ value: unknown; label: string }> | undefined {
  if (Array.isArray(prop.enum)) {
    const names = (
      Array.isArray(prop['x-enumNames']) ? prop['x-enumNames'] : Array.isArray(prop.enumNames) ? prop.enumNames : []
    ) as unknown[];
    return prop.enum.map((value, i) => {
      const name = names[i];
      return { value, label: typeof name === 'string' ? name : String(value) };
    });
  }
  const alternatives = Array.isArray(prop.oneOf) ? prop.oneOf : Array.isArray(prop.anyOf) ? prop.anyOf : undefined;
  if (alternatives?.every((a) => isObject(a) && 'const' in a)) {
    return (alternatives as Json[]).map((a) => ({
      value: a.const,
      label: typeof a.title === 'string' ? a.title : String(a.const),
    }));
  }
  return undefined;
}

export async function fillServiceForm(
  page: Page,
  schema: Record<string, unknown>,
  citizen: { nationalCode: string; mobileTyped: string },
): Promise<string[]> {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const filled: string[] = [];
  const form = page.locator('main form');

  for (const [name, raw] of Object.entries(properties)) {
    if (!isObject(raw)) continue;
    const prop = raw;
    const label = typeof prop.title === 'string' ? prop.title : name;
    const type = Array.isArray(prop.type) ? prop.type.find((t) => t !== 'null') : prop.type;
    const mustTick = type === 'boolean' && prop.const === true;
    if (!required.has(name) && !mustTick) continue;

    const options = optionsOf(prop);
    if (options && options.length > 0) {
      const first = options[0]!;
      const group = form.getByRole('group', { name: labelPattern(label) });
      if ((await group.count()) > 0) await group.getByRole('radio', { name: first.label, exact: true }).check();
      else await form.getByRole('combobox', { name: labelPattern(label) }).selectOption({ label: first.label });
    } else if (type === 'boolean') {
      await form.getByRole('checkbox', { name: labelPattern(label) }).check();
    } else if (type === 'number' || type === 'integer') {
      const min =
        typeof prop.minimum === 'number'
          ? prop.minimum
          : typeof prop.exclusiveMinimum === 'number'
            ? prop.exclusiveMinimum + 1
            : 1;
      const max = typeof prop.maximum === 'number' ? prop.maximum : undefined;
      const value = max !== undefined ? Math.min(Math.max(min, 1), max) : Math.max(min, 1);
      await form.getByRole('textbox', { name: labelPattern(label) }).fill(persianDigits(String(value)));
    } else {
      let value = knownValue(name, citizen) ?? 'درخواست آزمایشی از مرورگر؛ لطفاً رسیدگی شود.';
      const minLength = typeof prop.minLength === 'number' ? prop.minLength : 0;
      const maxLength = typeof prop.maxLength === 'number' ? prop.maxLength : undefined;
      while ([...value].length < minLength) value += ' و توضیح بیشتر';
      if (maxLength !== undefined) value = [...value].slice(0, maxLength).join('').trim();
      await form.getByRole('textbox', { name: labelPattern(label) }).fill(value);
    }
    filled.push(name);
  }
  // The documents the service's card makes mandatory are part of a complete application.
  await uploadRequiredDocuments(page);
  return filled;
}

/** A small PDF (by its content: the server checks the bytes, not the name). */
export const SAMPLE_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/**
 * Uploads a PDF for every mandatory document in the apply page's «مدارک درخواست» section (none when
 * the service asks for none), waiting until each is told uploaded; the number uploaded. A page
 * without the section (a counter office or the in-person desk, where the originals are seen) has none.
 */
export async function uploadRequiredDocuments(page: Page): Promise<number> {
  const section = page.getByRole('region', { name: 'مدارک درخواست' });
  // The apply page shows the section with the form it has just been filled in.
  if ((await section.count()) === 0) return 0;
  const items = section.getByRole('listitem').filter({ hasText: '(الزامی)' });
  const n = await items.count();
  for (let i = 0; i < n; i++) {
    const item = items.nth(i);
    if ((await item.getByText(/^بارگذاری شد/).count()) > 0) continue;
    await item.locator('input[type=file]').setInputFiles({ name: `مدرک-${i + 1}.pdf`, mimeType: 'application/pdf', buffer: SAMPLE_PDF });
    await item.getByText(/^بارگذاری شد/).waitFor();
  }
  return n;
}
