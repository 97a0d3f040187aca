import { describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { modules } from '../modules';
import type { AppContext } from './context';
import { defineErrors, DomainError, DuplicateCodeError, errorClassOf, platformErrors } from './http/errors';
import { catalogueOf, type AppModule } from './module';

const fake = (name: string, errors: AppModule['errors'], fields?: AppModule['fields']): AppModule => ({
  name,
  register: async () => {},
  errors,
  ...(fields ? { fields } : {}),
});

describe('the module contract: codes as data, joined once when the app is built', () => {
  it('joins the platform codes and every module codes, each with its owner', () => {
    const c = catalogueOf(modules);
    const owners = new Map(c.errorEntries().map(([code, , owner]) => [code, owner]));
    expect(owners.get('INTERNAL')).toBe('platform');
    expect(owners.get('CARD_NOT_FOUND')).toBe('catalogue');
    expect(owners.get('REQUEST_NOT_FOUND')).toBe('requests');
    expect(owners.get('PASSWORD_TOO_SHORT')).toBe('identity');
    expect(c.spec('SERVICE_NOT_FOUND').status).toBe(404);
    // A field code a catalogue zod schema raises is known app-wide, in both languages.
    expect(c.fieldMessage('DUPLICATE_ARTICLE', 'fa')).toBe('شماره این ماده تکراری است.');
    expect(c.fieldMessage('DUPLICATE_ARTICLE', 'en')).toBe('This article number is repeated.');
  });

  it('refuses two modules that declare the same error code, naming both', () => {
    const a = fake('alpha', [defineErrors({ THING_NOT_FOUND: { status: 404, fa: 'الف', en: 'a' } })]);
    const b = fake('beta', [defineErrors({ THING_NOT_FOUND: { status: 404, fa: 'ب', en: 'b' } })]);
    expect(() => catalogueOf([a, b])).toThrow(DuplicateCodeError);
    expect(() => catalogueOf([a, b])).toThrow('code THING_NOT_FOUND is declared twice: by alpha and by beta');
    expect(() => catalogueOf([a])).not.toThrow();
  });

  it('refuses a module that re-declares a platform code, and two tables of one module that overlap', () => {
    const again = fake('alpha', [defineErrors({ NOT_FOUND: platformErrors.NOT_FOUND })]);
    expect(() => catalogueOf([again])).toThrow('code NOT_FOUND is declared twice: by platform and by alpha');
    const t = defineErrors({ X_GONE: { status: 410, fa: 'رفت', en: 'gone' } });
    expect(() => catalogueOf([fake('alpha', [t, t])])).toThrow('by alpha and by alpha');
  });

  it('refuses a field code declared twice', () => {
    const f = { ODD_FIELD: { fa: 'ناجور', en: 'odd' } };
    expect(() => catalogueOf([fake('alpha', [], [f]), fake('beta', [], [f])])).toThrow('code ODD_FIELD is declared twice: by alpha and by beta');
    expect(() => catalogueOf([fake('alpha', [], [{ REQUIRED: f.ODD_FIELD }])])).toThrow('by platform and by alpha');
  });

  it('buildApp refuses the duplicate before it builds anything', async () => {
    const a = fake('alpha', [defineErrors({ TWICE: { status: 409, fa: 'دو', en: 'two' } })]);
    const b = fake('beta', [defineErrors({ TWICE: { status: 409, fa: 'دو', en: 'two' } })]);
    // The catalogue is joined first, so no database, logger or route is touched.
    await expect(buildApp({} as AppContext, { modules: [a, b], webDist: false })).rejects.toThrow(DuplicateCodeError);
  });

  it("a module's error class takes its own codes and the platform's, and is a DomainError", () => {
    const table = defineErrors({ WIDGET_BROKEN: { status: 409, fa: 'خراب', en: 'broken' } });
    const WidgetError = errorClassOf(table);
    const e = new WidgetError('WIDGET_BROKEN', { id: 1 });
    expect(e).toBeInstanceOf(DomainError);
    expect([e.code, e.details]).toEqual(['WIDGET_BROKEN', { id: 1 }]);
    expect(new WidgetError('FORBIDDEN').code).toBe('FORBIDDEN');
    // @ts-expect-error a code the module has not declared does not compile
    void new WidgetError('WIDGET_MISSING');
    // @ts-expect-error nor does a module code thrown as a platform DomainError
    void new DomainError('WIDGET_BROKEN');
  });

  it('every module lists its error tables (no registration as an import side effect)', () => {
    for (const m of modules) expect(Array.isArray(m.errors), m.name).toBe(true);
    expect(modules.flatMap((m) => m.errors).length).toBeGreaterThanOrEqual(10);
  });
});
