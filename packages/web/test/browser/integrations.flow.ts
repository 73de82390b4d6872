import { expect } from 'vitest';
import type { UiHarness } from './ui-harness.js';
import { walkthroughShot } from './walkthrough-shot.js';

/** `expect.poll` with room for a Duo round trip (its default gives up after one second). */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });

const hintOf = (secret: string) => `…${secret.slice(-4)}`;

/**
 * Signs in (a wrong token first), saves an integration with a wrong secret, reads the diagnosis, fixes it;
 * then rotates the admin secret in Duo and in the hub through the edit form, renames, and deletes a spare
 * integration after a confirmation.
 */
export async function integrationsFlow(h: UiHarness): Promise<void> {
  const { page, emulator, emulatorUrl, token } = h;
  await page.goto(h.serverUrl + '/integrations');
  await page.evaluate('sessionStorage.clear()');
  await page.reload();
  // The sign-in page says where a token comes from.
  const where = page.locator('#token-where');
  expect(await where.textContent()).toContain('duohub tokens create');
  expect(await where.textContent()).toContain('duohub demo');
  expect(await page.getByLabel('API token').getAttribute('aria-describedby')).toBe('token-where');
  await walkthroughShot(page.locator('main'), '1-sign-in');
  await page.getByLabel('API token').fill('dh_not_a_real_token_000000000000');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await poll(() => page.getByRole('alert').textContent()).toMatch(/unauthorized|token/i);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
  await page.getByText('No integrations yet').waitFor();
  await h.shot('integrations-empty');

  const parent = emulator.credentials().accounts.find((a) => a.parent_id === null)!;
  const cred = (type: string) => parent.integrations.find((i) => i.type === type)!;
  await page.getByLabel('Name', { exact: true }).fill('Parent');
  await page.getByLabel('Base URL (optional)').fill(emulatorUrl);
  // One host for the three APIs while they share it (a Duo account has one API hostname); "Use different
  // hosts" splits it into one per set, with focus on the first, and "Use one host for all" joins them again.
  await page.getByLabel('API host', { exact: true }).fill(cred('admin').api_hostname);
  expect(await page.getByLabel('Admin API host').count()).toBe(0);
  await page.getByRole('button', { name: 'Use different hosts' }).click();
  for (const label of ['Admin API', 'Accounts API', 'Auth API']) expect(await page.getByLabel(`${label} host`).inputValue()).toBe(cred('admin').api_hostname);
  expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('int-admin-host');
  await page.getByRole('button', { name: 'Use one host for all' }).click();
  expect(await page.getByLabel('API host', { exact: true }).inputValue()).toBe(cred('admin').api_hostname);
  for (const [kind, label] of [['admin', 'Admin API'], ['accounts', 'Accounts API'], ['auth', 'Auth API']] as const) {
    const c = cred(kind);
    expect(c.api_hostname).toBe(cred('admin').api_hostname);
    await page.getByLabel(`${label} integration key`).fill(c.integration_key);
    await page.getByLabel(`${label} secret key`).fill(kind === 'admin' ? 'x'.repeat(40) : c.secret_key);
  }
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const adminResult = page.locator('li[data-kind="admin"]');
  await adminResult.waitFor();
  expect(await adminResult.getAttribute('data-status')).toBe('wrong_secret_key');
  expect(await page.locator('li[data-kind="auth"]').getAttribute('data-status')).toBe('ok');
  // Refused: the hub stored nothing. The field Duo rejected is marked, described by the diagnosis, and has focus;
  // the page offers "Save anyway" rather than telling the reader about `?force=true`.
  expect((await h.api('GET', '/api/integrations')).body.items).toHaveLength(0);
  const adminSecret = page.getByLabel('Admin API secret key');
  await poll(() => adminSecret.getAttribute('aria-invalid')).toBe('true');
  await poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('int-admin-skey');
  expect(await page.locator('#int-admin-secret_key-issue').textContent()).toMatch(/secret key is wrong/);
  expect(await adminSecret.getAttribute('aria-describedby')).toContain('int-admin-secret_key-issue');
  expect(await page.getByLabel('Auth API secret key').getAttribute('aria-invalid')).toBeNull();
  expect(await page.locator('.integration-form').textContent()).not.toContain('force=true');
  await page.getByRole('button', { name: 'Save anyway' }).waitFor();
  await h.shot('integrations-wrong-secret');
  await walkthroughShot(page.locator('.integration-form'), '2-integration-check');

  await page.getByLabel('Admin API secret key').fill(cred('admin').secret_key);
  // Edited: no longer marked; the next save checks again.
  expect(await adminSecret.getAttribute('aria-invalid')).toBeNull();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Added "Parent": all checks passed.').waitFor();
  // The form lets go of the failed report; the row carries the fresh one.
  expect(await page.locator('.form-result li').count()).toBe(0);
  // Saved: the list shows the integration with a masked secret, never the secret itself.
  await page.getByRole('rowheader', { name: 'Parent', exact: true }).waitFor();
  const html = await page.content();
  expect(html).not.toContain(cred('admin').secret_key);
  expect(await page.getByLabel('Admin API secret key').inputValue()).toBe('');
  const row = page.locator('tr[data-integration="Parent"]');
  expect(await row.locator('[data-set="admin"] .hint').textContent()).toBe(hintOf(cred('admin').secret_key));
  await page.getByRole('button', { name: 'Test connection' }).click();
  await poll(() => row.locator('li[data-status="ok"]').count()).toBe(3);
  // The time of the last check, in the viewer's zone.
  expect(await row.locator('.checked-at').textContent()).toMatch(/^Checked \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  await h.shot('integrations');

  // Rotate the admin secret in Duo: the stored one goes stale and the test says so, in the row.
  const oldSecret = cred('admin').secret_key;
  const newSecret = 'R0tated' + 'k'.repeat(29) + 'Z9q7';
  const duoAdmin = Object.values(emulator.state.accounts[parent.account_id]!.integrations).find((i) => i.type === 'admin')!;
  duoAdmin.secret_key = newSecret;
  await page.getByRole('button', { name: 'Test connection of Parent' }).click();
  await poll(() => row.locator('li[data-kind="admin"]').getAttribute('data-status')).toBe('wrong_secret_key');
  expect(await row.locator('li[data-kind="auth"]').getAttribute('data-status')).toBe('ok');
  await h.shot('integrations-stale-secret');

  // Edit: the form opens with focus on it; secrets are blank and only the stored hint is shown.
  await page.getByRole('button', { name: 'Edit Parent' }).click();
  const editForm = page.getByRole('form', { name: 'Edit "Parent"' });
  await editForm.waitFor();
  expect(await page.evaluate('document.activeElement?.textContent')).toBe('Edit "Parent"');
  expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Parent');
  expect(await page.getByLabel('API host', { exact: true }).inputValue()).toBe(cred('admin').api_hostname);
  expect(await page.getByLabel('Admin API secret key').inputValue()).toBe('');
  expect(await page.locator('[data-hint="admin"]').textContent()).toBe(hintOf(oldSecret));
  // The add form is replaced, so every label names one field.
  expect(await page.getByRole('form', { name: 'Add an integration' }).count()).toBe(0);

  // A wrong new secret: diagnosed inline, nothing saved (the hub refuses the whole update), old secret kept.
  await page.getByLabel('Admin API secret key').fill('y'.repeat(40));
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const editResult = page.locator('.form-result li[data-kind="admin"]');
  await editResult.waitFor();
  expect(await editResult.getAttribute('data-status')).toBe('wrong_secret_key');
  // Only the changed set was re-checked.
  expect(await page.locator('.form-result li').count()).toBe(1);
  await page.getByText('Checks failed; nothing was saved and the stored credentials are unchanged.').waitFor();
  expect(await page.getByRole('alert').first().textContent()).toContain('integration_check_failed');
  const afterWrong = (await h.api('GET', '/api/integrations')).body.items[0];
  expect(afterWrong.admin.secret_key_hint).toBe(hintOf(oldSecret));
  await h.shot('integrations-edit-wrong-secret');

  // The new right secret: saved, the hint follows, and the secret never reaches the page.
  await page.getByLabel('Admin API secret key').fill(newSecret);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved "Parent": the changed credentials passed their checks.').waitFor();
  await page.getByRole('form', { name: 'Add an integration' }).waitFor();
  await poll(() => page.evaluate('document.activeElement?.id')).toMatch(/^edit-/);
  const afterRotate = (await h.api('GET', '/api/integrations')).body.items[0];
  expect(afterRotate.admin.secret_key_hint).toBe(hintOf(newSecret));
  await poll(() => row.locator('[data-set="admin"] .hint').textContent()).toBe(hintOf(newSecret));
  expect(await row.locator('li[data-kind="admin"]').getAttribute('data-status')).toBe('ok');
  expect(await page.content()).not.toContain(newSecret);
  await page.getByRole('button', { name: 'Test connection of Parent' }).click();
  await poll(() => row.locator('li[data-status="ok"]').count()).toBe(3);
  await h.shot('integrations-rotated');

  // A rename sends no credentials, so nothing is re-checked; rename back for the flows that follow.
  for (const [from, to] of [['Parent', 'Parent renamed'], ['Parent renamed', 'Parent']] as const) {
    await page.getByRole('button', { name: `Edit ${from}` }).click();
    await page.getByLabel('Name', { exact: true }).fill(to);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(`Saved "${to}": no credentials changed, so nothing was re-checked.`).waitFor();
    expect((await h.api('GET', '/api/integrations')).body.items[0].name).toBe(to);
  }
  // Cancel leaves the stored integration alone and gives focus back to its Edit button.
  await page.getByRole('button', { name: 'Edit Parent' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Not saved');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await poll(() => page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe('Edit Parent');
  expect((await h.api('GET', '/api/integrations')).body.items[0].name).toBe('Parent');

  // A spare integration saved although its check fails ("Save anyway"), then deleted after a confirmation.
  await page.getByLabel('Name', { exact: true }).fill('Spare');
  await page.getByLabel('API host', { exact: true }).fill(cred('auth').api_hostname);
  await page.getByLabel('Auth API integration key').fill(cred('auth').integration_key);
  await page.getByLabel('Auth API secret key').fill('z'.repeat(40));
  await page.getByLabel('Base URL (optional)').fill(emulatorUrl);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: 'Save anyway' }).click();
  await page.getByText('Added "Spare": stored without passing every check.').waitFor();
  const spare = page.locator('tr[data-integration="Spare"]');
  await spare.waitFor();
  expect(await spare.locator('li[data-kind="auth"]').getAttribute('data-status')).toBe('wrong_secret_key');
  const names = async () => ((await h.api('GET', '/api/integrations')).body.items as Array<{ name: string }>).map((i) => i.name).sort();
  expect(await names()).toEqual(['Parent', 'Spare']);

  // Delete asks inline (no browser dialog): the question names the integration; Cancel keeps it.
  let browserDialogs = 0;
  const countDialog = (d: { dismiss(): Promise<void> }) => { browserDialogs += 1; void d.dismiss(); };
  page.on('dialog', countDialog);
  await spare.getByRole('button', { name: 'Delete Spare' }).click();
  const question = spare.getByRole('group', { name: /Delete the integration “Spare”/ });
  await question.waitFor();
  expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Yes, delete');
  await question.getByRole('button', { name: 'Cancel' }).click();
  expect(await names()).toEqual(['Parent', 'Spare']);
  await spare.getByRole('button', { name: 'Delete Spare' }).click();
  await question.getByRole('button', { name: 'Yes, delete' }).click();
  await page.getByText('Integration deleted.').waitFor();
  await poll(() => spare.count()).toBe(0);
  expect(await names()).toEqual(['Parent']);
  await h.shot('integrations-after-delete');

  // Delete is refused while an organization maps through the integration; the row says why.
  const parentId = (await h.api('GET', '/api/integrations')).body.items[0].id as string;
  const held = await h.api('POST', '/api/organizations', { name: 'Holds Parent', integration_id: parentId, duo_account_id: 'parent' });
  expect(held.status).toBe(201);
  try {
    await page.getByRole('button', { name: 'Delete Parent' }).click();
    await row.getByRole('button', { name: 'Yes, delete' }).click();
    await row.getByRole('alert').getByText(/organization\(s\) are mapped to this integration/).waitFor();
    expect(await names()).toEqual(['Parent']);
    await h.shot('integrations-delete-refused');
    expect(browserDialogs).toBe(0);
    page.off('dialog', countDialog);
  } finally {
    await h.api('DELETE', `/api/organizations/${held.body.id}`);
  }

  // A read-only token sees the integrations but no way to change them.
  const reader = await h.api('POST', '/api/tokens', { name: 'integrations reader', scopes: ['read'] });
  expect(reader.status).toBe(201);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('API token').fill(reader.body.token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Pages', exact: true }).getByRole('link', { name: 'Integrations' }).click();
  await page.getByRole('rowheader', { name: 'Parent', exact: true }).waitFor();
  await page.getByText('Only administrators can add, change, test or delete integrations.').waitFor();
  expect(await page.getByRole('button', { name: /Edit|Delete|Test connection|Save/ }).count()).toBe(0);
  expect(await page.getByRole('form').count()).toBe(0);
  await h.shot('integrations-read-only');
  await page.getByRole('button', { name: 'Sign out' }).click();
  expect([200, 204]).toContain((await h.api('DELETE', `/api/tokens/${reader.body.id}`)).status);
}
