import { describe, expect, it } from 'vitest';
import { deskValidator } from '../../services/form/validator';
import { fieldsOf, freshName, move, schemasOf, type BuilderField } from './schema';

const FIELDS: BuilderField[] = [
  { name: 'nationalCode', title: 'کد ملی', type: 'nationalCode', required: true },
  { name: 'kind', title: 'نوع متقاضی', type: 'choice', required: true, options: ['حقیقی', 'حقوقی', ''] },
  { name: 'legalId', title: 'شناسه ملی شرکت', type: 'legalId', required: true, condition: { field: 'kind', equals: 'حقوقی' } },
  { name: 'birth', title: 'تاریخ تولد', type: 'date', required: false },
  { name: 'place', title: 'محل سکونت', type: 'provinceCounty', required: true },
  { name: 'address', title: 'نشانی', type: 'address', required: false },
  { name: 'agree', title: 'درستی اطلاعات را تأیید می‌کنم', type: 'boolean', required: true },
  { name: 'children', title: 'فرزندان', type: 'group', required: true, fields: [{ name: 'name', title: 'نام', type: 'text', required: true }, { name: 'mobile', title: 'همراه', type: 'mobile', required: false }] },
];

describe('the form builder’s schemas', () => {
  const { formSchema, uiSchema } = schemasOf(FIELDS);

  it('writes each field type as the JSON Schema the server checks (Iranian types as formats)', () => {
    const props = formSchema.properties as Record<string, Record<string, unknown>>;
    expect(formSchema.type).toBe('object');
    expect(props.nationalCode).toEqual({ title: 'کد ملی', type: 'string', format: 'ir-national-code' });
    expect(props.kind).toEqual({ title: 'نوع متقاضی', type: 'string', enum: ['حقیقی', 'حقوقی'] });
    expect(props.birth).toMatchObject({ type: 'string', format: 'date' });
    expect(props.place).toMatchObject({ type: 'object', required: ['province', 'county'], properties: { province: { type: 'string' }, county: { type: 'string' } } });
    expect(props.agree).toEqual({ title: 'درستی اطلاعات را تأیید می‌کنم', type: 'boolean', const: true });
    expect(props.children).toMatchObject({ type: 'array', minItems: 1, items: { type: 'object', required: ['name'], properties: { mobile: { format: 'ir-mobile' } } } });
    expect(formSchema.required).toEqual(['nationalCode', 'kind', 'place', 'agree', 'children']);
  });

  it('writes a condition as if/then, the field out of the form’s own properties', () => {
    expect(Object.keys(formSchema.properties as object)).not.toContain('legalId');
    expect(formSchema.allOf).toEqual([
      {
        if: { properties: { kind: { const: 'حقوقی' } }, required: ['kind'] },
        then: { properties: { legalId: { title: 'شناسه ملی شرکت', type: 'string', format: 'ir-legal-id' } }, required: ['legalId'] },
      },
    ]);
  });

  it('writes the UI schema: the order as built, text areas, the province/county control, the group’s own', () => {
    expect(uiSchema['ui:order']).toEqual(['nationalCode', 'kind', 'legalId', 'birth', 'place', 'address', 'agree', 'children', '*']);
    expect(uiSchema.address).toEqual({ 'ui:widget': 'textarea' });
    expect(uiSchema.place).toEqual({ 'ui:field': 'provinceCounty' });
    expect(uiSchema.children).toEqual({ items: { 'ui:order': ['name', 'mobile', '*'] } });
  });

  it('gives a schema the form validator uses: the conditional field is asked for only when its condition holds', () => {
    const base = { nationalCode: '0013542419', place: { province: 'تهران', county: 'تهران' }, agree: true, children: [{ name: 'سارا' }] };
    expect(deskValidator.validateFormData({ ...base, kind: 'حقیقی' }, formSchema).errors).toEqual([]);
    expect(deskValidator.validateFormData({ ...base, kind: 'حقوقی' }, formSchema).errors.map((e) => e.property)).toEqual(['.legalId']);
    expect(deskValidator.validateFormData({ ...base, kind: 'حقیقی', nationalCode: '0013542418' }, formSchema).errors.map((e) => e.name)).toEqual(['format']);
  });

  it('reads back what it wrote, so a saved form opens in the builder as it was built', () => {
    const back = fieldsOf(formSchema, uiSchema);
    expect(back).toEqual(FIELDS.map((f) => (f.type === 'choice' ? { ...f, options: ['حقیقی', 'حقوقی'] } : f)));
  });

  it('a condition on a field that does not exist is dropped rather than written', () => {
    const { formSchema: s } = schemasOf([{ name: 'a', title: 'الف', type: 'text', required: false, condition: { field: 'missing', equals: 'x' } }]);
    expect(s.allOf).toBeUndefined();
    expect(Object.keys(s.properties as object)).toEqual(['a']);
  });
});

describe('builder helpers', () => {
  it('moves a field up and down, and not past the ends', () => {
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('names a new field with a name not yet used', () => {
    expect(freshName([])).toBe('field1');
    expect(freshName([{ name: 'field2', title: '', type: 'text', required: false }])).toBe('field3');
    expect(freshName([{ name: 'x', title: '', type: 'text', required: false }, { name: 'field2', title: '', type: 'text', required: false }])).toBe('field3');
  });
});
