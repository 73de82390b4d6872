import { expect } from 'vitest';
import type { UiHarness } from './ui-harness.js';

/** `expect.poll` with room for a Duo round trip (its default gives up after one second). */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });

interface OrgView {
  id: string;
  name: string;
  integration_id: string | null;
  duo_account_id: string | null;
  mapping_source: string | null;
  mapping_confidence: number | null;
  duo_admin_api_directory_key_hint: string | null;
  auth: { api_host: string; integration_key: string; secret_key_hint: string } | null;
  email_domains: string[];
}


const percent = (c: number) => (c >= 1 ? '100%' : `${Math.min(99, Math.round(c * 100))}%`);

/**
 * Maps organizations named after child accounts with Suggest and Apply; creates one in the form and accepts
 * its suggestion on its own row; overrides a mapping by hand with a child account Duo lists, sets and clears
 * a directory key (only its hint ever shows), unmaps and deletes; then pages through 32 organizations.
 * Leaves "<child> LLC" for the first two children mapped to them, as the later flows expect.
 */
export async function organizationsFlow(h: UiHarness): Promise<void> {
  const { page, emulator } = h;
  const integration = await h.ensureIntegration();
  const accounts = emulator.credentials().accounts;
  const parent = accounts.find((a) => a.parent_id === null)!;
  const children = accounts.filter((a) => a.parent_id === parent.account_id);
  const [acme, globex, initech] = children as [typeof parent, typeof parent, typeof parent];
  const orgsByName = async () => new Map(((await h.api('GET', '/api/organizations')).body.items as OrgView[]).map((o) => [o.name, o]));

  if ((await orgsByName()).size === 0) {
    await h.open('/organizations');
    await page.getByText('No organizations yet. Create one above').waitFor();
    await h.shot('organizations-empty');
  }
  for (const child of [acme, globex]) {
    const res = await h.api('POST', '/api/organizations', { name: `${child.name} LLC` });
    expect(res.status).toBe(201);
  }
  await h.open('/organizations');
  await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
  const rowOf = (name: string) => page.locator(`tr[data-org="${name}"]`);
  const row = rowOf(`${acme.name} LLC`);
  await row.waitFor();
  expect(await row.locator('td.mapped').textContent()).toBe('unmapped');
  expect(await row.locator('td.confidence').textContent()).toBe('—');
  await page.getByRole('button', { name: 'Suggest' }).click();
  await page.getByText(/suggestion\(s\) to review/).waitFor();
  expect(await row.locator('td.suggestion').textContent()).toContain(acme.name);
  await h.shot('organizations-suggested');

  // A threshold that is not a percentage is named and blocks Apply.
  await page.getByLabel('Apply threshold (%)').fill('150');
  await page.getByText('Give a percentage from 0 to 100.').waitFor();
  expect(await page.getByRole('button', { name: /^Apply all/ }).isDisabled()).toBe(true);
  await page.getByLabel('Apply threshold (%)').fill('80');
  await page.getByRole('button', { name: 'Apply all at or above 80%' }).click();
  await page.getByText(/^Applied \d+/).waitFor();
  await poll(() => row.locator('td.mapped').textContent()).toBe(`${acme.name} (suggested)`);
  let byName = await orgsByName();
  for (const child of [acme, globex]) {
    const o = byName.get(`${child.name} LLC`)!;
    expect(o.duo_account_id).toBe(child.account_id);
    // Confidence reads as the percentage of what the hub stored.
    expect(await rowOf(o.name).locator('td.confidence').textContent()).toBe(percent(o.mapping_confidence!));
  }
  await h.shot('organizations');

  // Manual override: a new organization mapped by hand to the child account Duo lists and no one holds.
  await page.getByLabel('Organization name').fill('Manual Client');
  await page.getByLabel('Email domains (optional)').fill('Manual.example, manual.example @manual.test');
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.getByText('Created "Manual Client".').waitFor();
  const manual = rowOf('Manual Client');
  await manual.waitFor();
  expect((await orgsByName()).get('Manual Client')!.email_domains).toEqual(['manual.example', 'manual.test']);
  await page.getByRole('button', { name: 'Edit Manual Client' }).click();
  const dialogFor = (name: string) => page.getByRole('dialog', { name: `Edit "${name}"` });
  const dialog = dialogFor('Manual Client');
  await dialog.waitFor();
  expect(await dialog.getByLabel('Integration', { exact: true }).inputValue()).toBe(integration.id);
  const accountSelect = dialog.getByLabel('Duo child account');
  await poll(() => accountSelect.locator('option').count()).toBe(2 + children.length);
  // Children other organizations hold are listed but cannot be picked.
  expect(await accountSelect.locator(`option[value="${acme.account_id}"]`).isDisabled()).toBe(true);
  expect(await accountSelect.locator(`option[value="${acme.account_id}"]`).textContent()).toBe(`${acme.name} — mapped to ${acme.name} LLC`);
  await accountSelect.selectOption(initech.account_id);
  await h.shot('organizations-edit-dialog');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText(`Saved "Manual Client". Mapped to ${initech.name} through ${integration.name}.`).waitFor();
  await poll(() => manual.locator('td.mapped').textContent()).toBe(`${initech.name} (manual)`);
  expect(await manual.locator('td.confidence').textContent()).toBe('100%');
  const manualId = (await orgsByName()).get('Manual Client')!.id;
  const mappedByHand = (await h.api('GET', `/api/organizations/${manualId}`)).body as OrgView;
  expect(mappedByHand).toMatchObject({ integration_id: integration.id, duo_account_id: initech.account_id, mapping_source: 'manual', mapping_confidence: 1 });
  // Focus went back to the row's Edit button.
  await poll(() => page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe('Edit Manual Client');

  // The Auth API keys of the organization's own Duo account: checked with Duo on save, the secret shown back only as a hint.
  const initechAuth = initech.integrations.find((i) => i.type === 'auth')!;
  await page.getByRole('button', { name: 'Edit Manual Client' }).click();
  await dialog.waitFor();
  await dialog.getByLabel('API hostname').fill(initechAuth.api_hostname);
  await dialog.getByLabel('Integration key', { exact: true }).fill(initechAuth.integration_key);
  await dialog.getByLabel('Secret key', { exact: true }).fill(initechAuth.secret_key);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await poll(() => dialog.count()).toBe(0);
  const withAuth = (await h.api('GET', `/api/organizations/${manualId}`)).body as OrgView;
  expect(withAuth.auth).toEqual({ api_host: initechAuth.api_hostname, integration_key: initechAuth.integration_key, secret_key_hint: `…${initechAuth.secret_key.slice(-4)}` });
  expect(await page.content()).not.toContain(initechAuth.secret_key);

  // Directory key: write-only, shown back only as its hint.
  const dirKey = 'dirkey-Secret-0123456789-abcd';
  await page.getByRole('button', { name: 'Edit Manual Client' }).click();
  await dialog.waitFor();
  await dialog.getByLabel('Admin API directory key').fill(dirKey);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await poll(() => manual.locator('td.dirkey').textContent()).toBe('…abcd');
  expect(((await h.api('GET', `/api/organizations/${manualId}`)).body as OrgView).duo_admin_api_directory_key_hint).toBe('…abcd');
  expect(await page.content()).not.toContain(dirKey);
  await page.getByRole('button', { name: 'Edit Manual Client' }).click();
  await dialog.waitFor();
  expect(await dialog.getByLabel('Admin API directory key').inputValue()).toBe('');
  // The form opens on the current mapping, named as Duo lists it.
  await poll(() => dialog.getByLabel('Duo child account').locator('option:checked').textContent()).toBe(initech.name);
  await dialog.getByText('A mapping chosen here is manual').waitFor();
  await dialog.getByText('Stored key ends …abcd.').waitFor();
  expect(await page.content()).not.toContain(dirKey);
  await h.shot('organizations-directory-key');
  // Escape cancels the dialog without saving and returns focus to the Edit button.
  await dialog.getByLabel('Name', { exact: true }).fill('Not saved');
  await page.keyboard.press('Escape');
  await poll(() => dialog.count()).toBe(0);
  await poll(() => page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe('Edit Manual Client');
  expect((await orgsByName()).has('Manual Client')).toBe(true);

  // Suggestions leave a manual mapping alone.
  await page.getByRole('button', { name: 'Suggest' }).click();
  await poll(() => manual.locator('td.suggestion [data-status]').getAttribute('data-status')).toBe('manual');
  expect(await page.getByRole('button', { name: 'Accept suggestion for Manual Client' }).count()).toBe(0);

  // Unmap and clear the key.
  await page.getByRole('button', { name: 'Edit Manual Client' }).click();
  await dialog.waitFor();
  await dialog.getByLabel('Duo child account').selectOption('');
  await dialog.getByLabel('Clear the stored directory key').check();
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved "Manual Client". Unmapped.').waitFor();
  await poll(() => manual.locator('td.mapped').textContent()).toBe('unmapped');
  expect(await manual.locator('td.dirkey').textContent()).toBe('—');
  expect((await h.api('GET', `/api/organizations/${manualId}`)).body).toMatchObject({
    integration_id: null,
    duo_account_id: null,
    mapping_source: null,
    duo_admin_api_directory_key_hint: null,
  });

  // Review one row: a new organization's suggestion accepted on its own, below any threshold.
  await page.getByLabel('Organization name').fill('Initech');
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.getByText('Created "Initech".').waitFor();
  await page.getByRole('button', { name: 'Suggest' }).click();
  const initechRow = rowOf('Initech');
  await poll(() => initechRow.locator('td.suggestion').textContent()).toContain(initech.name);
  await page.getByLabel('Show', { exact: true }).selectOption('review');
  await poll(() => page.locator('tbody tr').count()).toBeGreaterThan(0);
  const reviewRows = await page.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-org')));
  expect(reviewRows).toContain('Initech');
  expect(reviewRows).not.toContain(`${acme.name} LLC`);
  expect(page.url()).toContain('show=review');
  await h.shot('organizations-review');
  await page.getByRole('button', { name: 'Accept suggestion for Initech' }).click();
  await page.getByText(`Mapped "Initech" to ${initech.name}.`).waitFor();
  await page.getByLabel('Show', { exact: true }).selectOption('all');
  await poll(() => initechRow.locator('td.mapped').textContent()).toBe(`${initech.name} (suggested)`);
  const accepted = (await orgsByName()).get('Initech')!;
  expect(accepted).toMatchObject({ integration_id: integration.id, duo_account_id: initech.account_id, mapping_source: 'suggested' });
  expect(await initechRow.locator('td.confidence').textContent()).toBe(percent(accepted.mapping_confidence!));

  // Delete both through the dialog, after a confirmation naming each (the later flows map Initech themselves).
  for (const name of ['Initech', 'Manual Client']) {
    const id = (await orgsByName()).get(name)!.id;
    await page.getByRole('button', { name: `Edit ${name}` }).click();
    await dialogFor(name).waitFor();
    // Asked inline inside the dialog, naming the organization; Escape backs out of the question only.
    await dialogFor(name).getByRole('button', { name: 'Delete organization' }).click();
    const question = dialogFor(name).getByRole('group', { name: new RegExp(`Delete the organization “${name}”`) });
    await question.waitFor();
    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'hidden' });
    await dialogFor(name).waitFor();
    await dialogFor(name).getByRole('button', { name: 'Delete organization' }).click();
    await question.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.getByText(`Deleted "${name}".`).waitFor();
    expect((await h.api('GET', `/api/organizations/${id}`)).status).toBe(404);
  }

  // More than one page: 30 more organizations, paged 10 at a time, then 100 on one page.
  const created: string[] = [];
  for (let i = 1; i <= 30; i++) {
    const res = await h.api('POST', '/api/organizations', { name: `Pager client ${String(i).padStart(2, '0')}` });
    expect(res.status).toBe(201);
    created.push(res.body.id);
  }
  try {
    const all = ((await h.api('GET', '/api/organizations')).body.items as OrgView[]).map((o) => o.name);
    expect(all.length).toBeGreaterThanOrEqual(32);
    await h.open('/organizations');
    const pager = page.getByRole('navigation', { name: 'Organizations pages' });
    await pager.getByText(`1–10 of ${all.length}`).waitFor();
    const visible = () => page.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-org')));
    const seen: Array<string | null> = [];
    for (let p = 1; ; p++) {
      const rows = await visible();
      expect(rows.length).toBeLessThanOrEqual(10);
      seen.push(...rows);
      const next = pager.getByRole('button', { name: 'Next' });
      if (await next.isDisabled()) break;
      await next.click();
      await pager.getByText(`${p * 10 + 1}–${Math.min(all.length, (p + 1) * 10)} of ${all.length}`).waitFor();
      expect(page.url()).toContain(`page=${p + 1}`);
    }
    expect(seen).toEqual(all);
    await h.shot('organizations-last-page');
    await pager.getByLabel('Rows per page').selectOption('100');
    await pager.getByText(`1–${all.length} of ${all.length}`).waitFor();
    expect(await visible()).toEqual(all);
    expect(page.url()).toContain('size=100');
    await h.shot('organizations-100-rows');

    // The page lives in the URL: a link straight to page 3 shows rows 21-30.
    await h.open('/organizations?page=3');
    await pager.getByText(`21–30 of ${all.length}`).waitFor();
    expect(await visible()).toEqual(all.slice(20, 30));
    await page.getByLabel('Filter', { exact: true }).fill('Pager client 2');
    await pager.getByText('1–10 of 10').waitFor();
    expect(await visible()).toEqual(created.map((_, i) => `Pager client ${String(i + 1).padStart(2, '0')}`).slice(19, 29));
    expect(page.url()).toContain('q=Pager');
    expect(page.url()).not.toContain('page=');
    await page.getByLabel('Filter', { exact: true }).fill('no such organization');
    await page.getByText('No organization matches this filter.').waitFor();
    await h.shot('organizations-no-match');
    await page.getByRole('button', { name: 'Clear the filter' }).click();
    await pager.getByText(`1–10 of ${all.length}`).waitFor();
  } finally {
    for (const id of created) await h.api('DELETE', `/api/organizations/${id}`);
  }
  byName = await orgsByName();
  for (const child of [acme, globex]) expect(byName.get(`${child.name} LLC`)!.duo_account_id).toBe(child.account_id);
}
