import { demoDataSeeded, must, reportSkipped, staffClient } from './support/api';
import { ORG_ADMIN } from './support/demo';
import { describe, expect, inject, test } from './support/fixtures';
import { check, staffSignsIn, visible } from './support/pages';
import { snap } from './support/screenshots';

/**
 * A version's workflow editor (ADR 0034), in Persian on a desktop: the organisation's administrator
 * drafts a version of a desk service (through the API), opens its workflow, starts from the «expert
 * review then manager sign-off» template, breaks it (the expert's «take» now leads to the withdrawn
 * state, so the expert review cannot be reached), sees the server's problem at that state, fixes it,
 * saves, and sees the diagram with its text alternative and its table of transitions; then adds a
 * state of its own with actions in and out from the form, saves, and removes it again after a
 * confirmation that says what goes with it. Axe on each state. Uses the organisation's last desk service: no other journey drafts versions there (the form
 * builder and service-versions.e2e.ts work on the ministry's). Needs the demo data.
 */

const seeded = await demoDataSeeded(inject('baseURL'));
reportSkipped('workflow-editor.e2e.ts', seeded);

describe.skipIf(!seeded)('a version’s workflow editor', () => {
  test('the administrator starts from a template, sees the error at the state, fixes it and saves', async ({ openPage, baseURL }) => {
    const { api, me } = await staffClient(baseURL, ORG_ADMIN.username, ORG_ADMIN.password);
    const agency = me.agency!;
    const desk = must(await api.GET('/api/v1/services', { params: { query: { agencyId: agency.id, limit: 100 } } }), 'the desk services').items;
    const service = desk.at(-1)!;
    const listed = must(await api.GET('/api/v1/services/{id}/versions', { params: { path: { id: service.id } } }), 'the versions');
    const draft =
      listed.items.find((v) => v.state === 'draft') ??
      must(await api.POST('/api/v1/services/{id}/versions', { params: { path: { id: service.id } }, body: { changeNote: 'گردش کار تازه' } }), 'a new draft');

    const page = await openPage('desktop');
    await page.goto('/admin');
    await staffSignsIn(page, 'desktop', ORG_ADMIN, 'workflow editor', 'مدیریت سامانه');
    await page.goto(`/admin/agencies/${agency.id}/services/${service.id}/versions/${draft.versionNo}/workflow`);
    await visible(page.getByRole('heading', { level: 1, name: /گردش کار نسخه‌ی/ }));
    const editor = page.getByRole('form', { name: 'ویرایش گردش کار' });

    await editor.getByRole('combobox', { name: 'الگوی آغاز' }).selectOption({ label: 'بررسی کارشناس و امضای مدیر' });
    await editor.getByRole('button', { name: 'شروع از این الگو' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'بررسی کارشناس و امضای مدیر' }));
    const diagram = page.getByRole('img', { name: /نمودار گردش کار «بررسی کارشناس و امضای مدیر»/ });
    await visible(diagram);
    await check(page, 'desktop', 'workflow editor fa');

    // Break it: «take» in «submitted» now leads to «withdrawn»; nothing reaches the expert review.
    const submitted = editor.getByRole('group', { name: 'وضعیت «ثبت‌شده»' });
    await submitted.getByRole('combobox', { name: 'وضعیت بعد از «برداشتن برای بررسی»' }).selectOption({ label: 'انصراف متقاضی' });
    await editor.getByRole('button', { name: 'ذخیره‌ی گردش کار' }).click();
    await visible(page.getByRole('alert').filter({ hasText: 'گردش کار ذخیره نشد' }));
    const review = editor.getByRole('group', { name: 'وضعیت «بررسی کارشناس»' });
    await visible(review.getByRole('list', { name: /ایرادهای این وضعیت/ }).getByText('از وضعیت آغازین به وضعیت «expert_review» نمی‌توان رسید', { exact: false }));
    await check(page, 'desktop', 'workflow editor problems fa');
    await snap(page, 'desktop-workflow-editor-problems-fa');

    // Fix it and save.
    await submitted.getByRole('combobox', { name: 'وضعیت بعد از «برداشتن برای بررسی»' }).selectOption({ label: 'بررسی کارشناس' });
    await editor.getByRole('button', { name: 'ذخیره‌ی گردش کار' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'گردش کار در پیش‌نویس ذخیره شد.' }));
    await visible(page.getByRole('img', { name: /نمودار گردش کار/ }));
    const table = page.getByRole('table', { name: /گذرها/ });
    await visible(table.getByRole('row').filter({ hasText: 'ارجاع به مدیر با نظر کارشناسی' }));
    await check(page, 'desktop', 'workflow editor saved fa');
    await snap(page, 'desktop-workflow-editor-fa');

    const saved = must(await api.GET('/api/v1/services/{id}/versions/{no}', { params: { path: { id: service.id, no: draft.versionNo } } }), 'the saved draft');
    expect(saved.workflow).toBe('expert_then_manager');
    expect(saved.workflowDefinition.states.find((s) => s.id === 'submitted')!.actions[0]!.to).toBe('expert_review');

    // A state of the agency's own, from the form: a legal review the expert refers to and returns from.
    const addState = editor.getByRole('group', { name: 'افزودن وضعیت' });
    await addState.getByRole('textbox', { name: /شناسه/ }).fill('Legal Review');
    await addState.getByRole('textbox', { name: 'عنوان وضعیت' }).fill('بررسی حقوقی');
    await addState.getByRole('button', { name: 'افزودن این وضعیت' }).click();
    await visible(addState.getByText('شناسه باید با حرف کوچک انگلیسی آغاز شود', { exact: false }));
    await addState.getByRole('textbox', { name: /شناسه/ }).fill('legal_review');
    await addState.getByRole('button', { name: 'افزودن این وضعیت' }).click();
    const legal = editor.getByRole('group', { name: 'وضعیت «بررسی حقوقی»' });
    await visible(legal);
    const addAction = async (group: typeof legal, id: string, label: string, to: string) => {
      await group.getByText('افزودن اقدام به این وضعیت').click();
      await group.getByRole('textbox', { name: /شناسه/ }).fill(id);
      await group.getByRole('textbox', { name: 'عنوان اقدام', exact: true }).fill(label);
      await group.getByRole('combobox', { name: 'وضعیت بعد از این اقدام' }).selectOption({ label: to });
      await group.getByRole('button', { name: 'افزودن این اقدام' }).click();
    };
    await addAction(review, 'to_legal', 'ارجاع به حقوقی', 'بررسی حقوقی');
    await addAction(legal, 'legal_done', 'بازگشت نظر حقوقی', 'بررسی کارشناس');
    await check(page, 'desktop', 'workflow editor new state fa');
    await editor.getByRole('button', { name: 'ذخیره‌ی گردش کار' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'گردش کار در پیش‌نویس ذخیره شد.' }));
    const withLegal = must(await api.GET('/api/v1/services/{id}/versions/{no}', { params: { path: { id: service.id, no: draft.versionNo } } }), 'the draft with its new state');
    expect(withLegal.workflowDefinition.states.find((s) => s.id === 'legal_review')).toMatchObject({ label: { fa: 'بررسی حقوقی' }, actions: [{ id: 'legal_done', to: 'expert_review', roles: ['expert'] }] });

    // Removing it asks first, saying what goes with it (the action leading there); cancel keeps it.
    const removeLegal = page.getByRole('group', { name: 'وضعیت «بررسی حقوقی»' }).getByRole('button', { name: 'حذف وضعیت «بررسی حقوقی»' });
    await removeLegal.click();
    const confirm = page.getByRole('dialog', { name: 'وضعیت «بررسی حقوقی» حذف شود؟' });
    await visible(confirm.getByText('۱ اقدامی که به آن می‌رسد', { exact: false }));
    await check(page, 'desktop', 'workflow editor remove state fa');
    await confirm.getByRole('button', { name: 'انصراف' }).click();
    await visible(page.getByRole('group', { name: 'وضعیت «بررسی حقوقی»' }));
    await removeLegal.click();
    await page.getByRole('dialog').getByRole('button', { name: 'حذف وضعیت' }).click();
    await expect.poll(() => page.getByRole('group', { name: 'وضعیت «بررسی حقوقی»' }).count()).toBe(0);
    await page.getByRole('form', { name: 'ویرایش گردش کار' }).getByRole('button', { name: 'ذخیره‌ی گردش کار' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'گردش کار در پیش‌نویس ذخیره شد.' }));
    const without = must(await api.GET('/api/v1/services/{id}/versions/{no}', { params: { path: { id: service.id, no: draft.versionNo } } }), 'the draft without it');
    expect(without.workflowDefinition.states.map((s) => s.id)).not.toContain('legal_review');
    expect(without.workflowDefinition.states.find((s) => s.id === 'expert_review')!.actions.map((a) => a.id)).not.toContain('to_legal');
  });
});
