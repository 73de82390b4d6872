import { expect } from 'vitest';
import type { UiHarness } from './ui-harness.js';

/** Signs in (a wrong token first), saves an integration with a wrong secret, reads the diagnosis, fixes it. */
export async function integrationsFlow(h: UiHarness): Promise<void> {
  const { page, emulator, emulatorUrl, token } = h;
  await page.goto(h.serverUrl + '/integrations');
  await page.evaluate('sessionStorage.clear()');
  await page.reload();
  await page.getByLabel('API token').fill('dh_not_a_real_token_000000000000');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/unauthorized|token/i);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
  await page.getByText('No integrations yet').waitFor();

  const parent = emulator.credentials().accounts.find((a) => a.parent_id === null)!;
  const cred = (type: string) => parent.integrations.find((i) => i.type === type)!;
  await page.getByLabel('Name', { exact: true }).fill('Parent');
  await page.getByLabel('Base URL (optional)').fill(emulatorUrl);
  for (const [kind, label] of [['admin', 'Admin API'], ['accounts', 'Accounts API'], ['auth', 'Auth API']] as const) {
    const c = cred(kind);
    await page.getByLabel(`${label} host`).fill(c.api_hostname);
    await page.getByLabel(`${label} integration key`).fill(c.integration_key);
    await page.getByLabel(`${label} secret key`).fill(kind === 'admin' ? 'x'.repeat(40) : c.secret_key);
  }
  await page.getByRole('button', { name: 'Save' }).click();
  const adminResult = page.locator('li[data-kind="admin"]');
  await adminResult.waitFor();
  expect(await adminResult.getAttribute('data-status')).toBe('wrong_secret_key');
  expect(await page.locator('li[data-kind="auth"]').getAttribute('data-status')).toBe('ok');
  await h.shot('integrations-wrong-secret');

  await page.getByLabel('Admin API secret key').fill(cred('admin').secret_key);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('All checks passed; saved.').waitFor();
  // Saved: the list shows the integration with a masked secret, never the secret itself.
  await page.getByRole('cell', { name: 'Parent', exact: true }).waitFor();
  const html = await page.content();
  expect(html).not.toContain(cred('admin').secret_key);
  expect(await page.getByLabel('Admin API secret key').inputValue()).toBe('');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await h.shot('integrations');
}
