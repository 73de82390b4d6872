import { expect } from 'vitest';
import type { User } from '@duohub/emulator';
import type { UiHarness } from './ui-harness.js';

const BASE = '/v1/identity/mfa/method/duo';

/**
 * Creates a Vault-compatible method in the UI (a malformed key and a wrong secret first, each
 * explained beside the field or with its code), verifies users by push with the emulator scripted
 * to approve and to deny, watching the live progress, meets the cooldown refusal with its code,
 * stops watching one push and fetches its result later, then deletes the method with confirmation.
 */
export async function mfaFlow(h: UiHarness): Promise<void> {
  const { page, emulator } = h;
  await h.ensureIntegration();
  const parent = Object.values(emulator.state.accounts).find((a) => a.parent_id === null)!;
  const auth = emulator.credentials().accounts.find((a) => a.parent_id === null)!.integrations.find((i) => i.type === 'auth')!;
  const pushable = Object.values(parent.users).filter(
    (u) => u.status === 'active' && u.phone_ids.some((p) => parent.phones[p]?.activated && parent.phones[p]!.capabilities.includes('push')),
  );
  expect(pushable.length).toBeGreaterThanOrEqual(3);
  const [approver, denier, slow] = pushable as [User, User, User];
  // Slow enough that the page shows "waiting" before the answer comes.
  approver.push_script = { outcome: 'approve', afterMs: 1500 };
  denier.push_script = { outcome: 'deny', afterMs: 800 };
  slow.push_script = { outcome: 'approve', afterMs: 2500 };

  const listed = async () => {
    const res = await h.api('GET', `${BASE}?list=true`);
    return res.status === 404 ? [] : (res.body.data.keys as string[]);
  };
  const existing = await listed();

  await h.open('/mfa');
  await page.getByRole('heading', { name: 'MFA methods', level: 1 }).waitFor();
  if (existing.length === 0) await page.getByText('No MFA methods yet.').waitFor();
  else await page.getByRole('table', { name: 'MFA methods' }).waitFor();
  await h.shot(existing.length === 0 ? 'mfa-empty' : 'mfa-list');

  // Pasted keys (as Vault takes them), pointed at the emulator.
  const name = `ui-vault-${Date.now()}`;
  await page.getByLabel('Method name', { exact: true }).fill(name);
  await page.getByLabel('Pasted keys (as in Vault)', { exact: true }).check();
  await page.getByLabel('API hostname', { exact: true }).fill(auth.api_hostname);
  await page.getByLabel('Integration key', { exact: true }).fill('BIACEUEAXI20BNWTEYXT');
  await page.getByLabel('Secret key', { exact: true }).fill(auth.secret_key);
  await page.getByLabel('Connect address (optional)', { exact: true }).fill(h.emulatorUrl);
  await page.getByLabel('Push info (optional)', { exact: true }).fill('from=duohub-ui&domain=example.com');
  await page.getByRole('button', { name: 'Create method' }).click();
  // The API's field issue appears under the field it is about, and the field is marked invalid.
  await page.locator('#mf-integration_key-err').waitFor();
  expect(await page.locator('#mf-integration_key-err').textContent()).toMatch(/must be DI followed by 18/);
  expect(await page.getByLabel('Integration key', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByRole('alert').textContent()).toContain('(validation_failed)');
  await h.shot('mfa-field-error');

  await page.getByLabel('Integration key', { exact: true }).fill(auth.integration_key);
  await page.getByLabel('Secret key', { exact: true }).fill('x'.repeat(40));
  await page.getByRole('button', { name: 'Create method' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/secret key is wrong.*\(mfa_keys_rejected\)/s);
  expect(await listed()).toEqual(existing);
  await h.shot('mfa-keys-rejected');

  await page.getByLabel('Secret key', { exact: true }).fill(auth.secret_key);
  await page.getByRole('button', { name: 'Create method' }).click();
  await page.getByText(/^Created method [0-9a-f-]{36}; Duo accepted its keys\.$/).waitFor();
  const methodId = (await listed()).find((k) => !existing.includes(k))!;
  expect(methodId).toBeDefined();
  const row = page.locator(`tr[data-method-id="${methodId}"]`);
  await row.waitFor();
  expect(await row.getAttribute('data-method-name')).toBe(name);
  const rowText = (await row.textContent()) ?? '';
  expect(rowText).toContain(auth.api_hostname);
  expect(rowText).toContain(`…${auth.secret_key.slice(-4)}`);
  expect(await page.content()).not.toContain(auth.secret_key);
  expect(await page.getByLabel('Method name', { exact: true }).inputValue()).toBe('');
  await h.shot('mfa-created');

  const status = page.locator('.verify-progress [role="status"]');
  const verifyAs = async (username: string) => {
    await page.getByLabel('Method or organization', { exact: true }).selectOption(`method:${methodId}`);
    await page.getByLabel('Username', { exact: true }).fill(username);
    await page.getByLabel('Factor', { exact: true }).selectOption('push');
    await page.getByRole('button', { name: 'Start verification' }).click();
  };
  const verificationId = async () => (await page.locator('.verify-progress .hint code').textContent())!;

  // Approved: the live region passes through "waiting" (pushed) before the result.
  await page.getByLabel('Extra push info (optional)', { exact: true }).fill('ticket=INC-42');
  await verifyAs(approver.username);
  await expect.poll(() => status.getAttribute('data-phase'), { timeout: 5000 }).toBe('waiting');
  expect(await status.textContent()).toBe('Pushed; waiting for the user to answer…');
  expect(await status.getAttribute('aria-live')).toBe('polite');
  await h.shot('mfa-verify-waiting');
  await expect.poll(() => status.getAttribute('data-outcome'), { timeout: 10_000 }).toBe('approved');
  expect(await status.textContent()).toBe('Approved: the user confirmed it is them.');
  expect(await page.locator('.verify-result').getAttribute('data-verified')).toBe('true');
  const steps = await page.locator('.verify-steps li').evaluateAll((li) => li.map((l) => l.getAttribute('data-type')));
  expect(steps).toEqual(['preauth', 'sent', 'waiting', 'result']);
  expect(await page.locator('.verify-steps li[data-type="sent"]').textContent()).toContain('ticket=INC-42');
  const approvedId = await verificationId();
  const approvedView = (await h.api('GET', `/api/verify/${approvedId}`)).body;
  expect(approvedView).toMatchObject({ outcome: 'approved', verified: true, username: approver.username, method_id: methodId });
  // The emulator saw the push and logged it as a success for this user.
  const approvedLog = parent.auth_log.filter((e) => e.username === approver.username).at(-1);
  expect(approvedLog).toMatchObject({ factor: 'duo_push', result: 'success' });
  await h.shot('mfa-verify-approved');

  // Denied.
  await page.getByLabel('Extra push info (optional)', { exact: true }).fill('');
  await verifyAs(denier.username);
  await expect.poll(() => status.getAttribute('data-outcome'), { timeout: 10_000 }).toBe('denied');
  expect(await page.locator('.verify-result').getAttribute('data-verified')).toBe('false');
  expect((await h.api('GET', `/api/verify/${await verificationId()}`)).body).toMatchObject({ outcome: 'denied', verified: false });
  expect(parent.auth_log.filter((e) => e.username === denier.username).at(-1)).toMatchObject({ factor: 'duo_push', result: 'denied' });
  await h.shot('mfa-verify-denied');

  // A second push right after a deny is refused by the cooldown, shown with its code.
  await verifyAs(denier.username);
  await expect.poll(() => page.locator('.verify-panel [role="alert"]').textContent()).toContain('(verify_cooldown)');
  await page.getByText(/^Try again in \d+ s\.$/).waitFor();
  await h.shot('mfa-verify-cooldown');

  // Stop watching, then fetch the result the user gave meanwhile.
  await verifyAs(slow.username);
  await expect.poll(() => status.getAttribute('data-phase'), { timeout: 5000 }).toBe('waiting');
  await page.getByRole('button', { name: 'Stop watching' }).click();
  await page.getByText(/^Stopped watching\./).waitFor();
  expect(await status.getAttribute('data-outcome')).toBe('');
  const slowId = await verificationId();
  await expect.poll(async () => (await h.api('GET', `/api/verify/${slowId}`)).body.outcome, { timeout: 10_000 }).toBe('approved');
  await page.getByRole('button', { name: 'Check the result' }).click();
  await expect.poll(() => status.getAttribute('data-outcome')).toBe('approved');

  // Delete asks first.
  await row.getByRole('button', { name: 'Delete' }).click();
  await row.getByRole('group', { name: new RegExp(`Delete method “${name}”`) }).waitFor();
  await row.getByRole('button', { name: 'Yes, delete' }).click();
  await page.getByText(`Deleted method ${name}.`).waitFor();
  await expect.poll(() => row.count()).toBe(0);
  expect(await listed()).toEqual(existing);
  // The verify panel lets go of the deleted method.
  expect(await page.getByLabel('Method or organization', { exact: true }).inputValue()).not.toBe(`method:${methodId}`);
  await h.shot('mfa-deleted');

  await page.setViewportSize({ width: 420, height: 900 });
  await h.shot('mfa-narrow');
  await page.setViewportSize({ width: 1280, height: 900 });
}
