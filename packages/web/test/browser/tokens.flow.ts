import { expect } from 'vitest';
import type { UiHarness } from './ui-harness.js';

/** Every input's current value on the page (React sets values as properties, which page.content() may not show). */
const INPUT_VALUES = 'Array.from(document.querySelectorAll("input, textarea")).map((e) => e.value).join("\\n")';
const STORAGE = 'JSON.stringify([Object.values(sessionStorage), Object.values(localStorage)])';


/** An organization to filter or limit by: the first one there is, else one mapped by the harness. */
export async function someOrganization(h: UiHarness): Promise<{ id: string; name: string }> {
  const existing = (await h.api('GET', '/api/organizations')).body.items as Array<{ id: string; name: string }>;
  return existing[0] ?? (await h.ensureMappedOrganizations(1))[0]!;
}

/** Follows a link of the main nav. */
export async function navTo(h: UiHarness, label: string): Promise<void> {
  await h.page.getByRole('navigation', { name: 'Pages', exact: true }).getByRole('link', { name: label, exact: true }).click();
  await h.page.getByRole('heading', { name: label, level: 1 }).waitFor();
}

/**
 * Creates a read-only token in the UI, copies it from the once-box, proves with fetch that it reads
 * but cannot manage tokens, checks the page forgot it after navigating away, then revokes it in the UI.
 */
export async function tokensFlow(h: UiHarness): Promise<void> {
  const { page, serverUrl } = h;
  const call = (token: string, path: string) => fetch(serverUrl + path, { headers: { authorization: `Bearer ${token}` } });

  const org = await someOrganization(h);
  await h.open('/tokens');
  await page.getByRole('heading', { name: 'Tokens', level: 1 }).waitFor();
  await page.getByRole('table', { name: 'Tokens' }).waitFor();
  // The list is the API's list: one row per token, each with its scopes.
  const before = (await h.api('GET', '/api/tokens')).body.items as Array<{ id: string; scopes: string[] }>;
  expect(await page.locator('tr[data-token-id]').count()).toBe(Math.min(before.length, 25));
  const bootstrap = before[0]!;
  expect(await page.locator(`tr[data-token-id="${bootstrap.id}"] td.scopes`).textContent()).toBe('admin (includes operate, read)');
  await h.shot('tokens');

  // A create with no scope is refused before it is sent; then a read-only token.
  const name = `ui read-only ${Date.now()}`;
  await page.getByLabel('Token name').fill(name);
  const read = page.getByRole('checkbox', { name: /^read:/ });
  expect(await read.isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: /^admin:/ }).isChecked()).toBe(false);
  await read.uncheck();
  expect(await page.getByRole('button', { name: 'Create token' }).isDisabled()).toBe(true);
  await read.check();
  await page.getByRole('button', { name: 'Create token' }).click();

  const once = page.getByLabel('Token value');
  await once.waitFor();
  await page.getByRole('heading', { name: `New token “${name}”: copy it now` }).waitFor();
  const shown = await once.inputValue();
  expect(shown).toMatch(/^dh_[A-Za-z0-9_-]{40,}$/);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serverUrl });
  await page.getByRole('button', { name: 'Copy token' }).click();
  await page.getByText('Copied.').waitFor();
  const copied = String(await page.evaluate('navigator.clipboard.readText()'));
  expect(copied).toBe(shown);
  expect(await page.evaluate(STORAGE)).not.toContain(copied);
  await h.shot('tokens-created-once');

  // The copied token reads (scopes: read only, every organization) but cannot manage tokens.
  const current = await call(copied, '/api/tokens/current');
  expect(current.status).toBe(200);
  expect(await current.json()).toMatchObject({ kind: 'token', scopes: ['read'], organization_ids: null });
  const listAsReader = await call(copied, '/api/tokens');
  expect(listAsReader.status).toBe(403);
  expect(((await listAsReader.json()) as { error: { code: string } }).error.code).toBe('forbidden');

  const row = page.locator(`tr[data-token-name="${name}"]`);
  await row.waitFor();
  expect(await row.locator('td.scopes').textContent()).toBe('read');
  expect(await row.locator('td').nth(2).textContent()).toBe('All organizations');
  // Tokens do not expire on their own: the list says so rather than leaving it to guess.
  expect(await row.locator('td.expires').textContent()).toBe('Never');
  const createdId = await row.getAttribute('data-token-id');
  const apiRow = ((await h.api('GET', '/api/tokens')).body.items as Array<{ id: string; name: string; scopes: string[] }>).find((t) => t.id === createdId);
  expect(apiRow).toMatchObject({ name, scopes: ['read'] });

  // Leaving the page forgets the value: nowhere in the markup, the inputs or storage on return.
  await navTo(h, 'Audit log');
  await navTo(h, 'Tokens');
  await row.waitFor();
  expect(await page.getByLabel('Token value').count()).toBe(0);
  expect(await page.content()).not.toContain(copied);
  expect(await page.evaluate(INPUT_VALUES)).not.toContain(copied);
  expect(await page.evaluate(STORAGE)).not.toContain(copied);

  // Revoke asks first; Cancel keeps the token working.
  await row.getByRole('button', { name: 'Revoke' }).click();
  await row.getByRole('group', { name: new RegExp(`Revoke “${name}”`) }).waitFor();
  // Keyboard: the question takes focus on its Yes button; Escape backs out to the Revoke button.
  expect(await page.evaluate('document.activeElement.textContent')).toBe('Yes, revoke');
  await page.keyboard.press('Escape');
  expect(await page.evaluate('document.activeElement.textContent')).toBe('Revoke');
  await page.keyboard.press('Enter');
  await h.shot('tokens-revoke-confirm');
  await row.getByRole('button', { name: 'Cancel' }).click();
  expect((await call(copied, '/api/tokens/current')).status).toBe(200);
  await row.getByRole('button', { name: 'Revoke' }).click();
  await row.getByRole('button', { name: 'Yes, revoke' }).click();
  await expect.poll(() => row.locator('td.status').textContent()).toMatch(/^Revoked \d{4}-\d{2}-\d{2} /);
  const revoked = await call(copied, '/api/tokens/current');
  expect(revoked.status).toBe(401);
  const after = ((await h.api('GET', '/api/tokens')).body.items as Array<{ id: string; revoked_at: string | null }>).find((t) => t.id === createdId);
  expect(after?.revoked_at).not.toBeNull();
  expect(await row.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
  await h.shot('tokens-revoked');

  // An operate token limited to one organization, ticked in the list of organizations.
  const limitedName = `ui limited ${Date.now()}`;
  await page.getByLabel('Token name').fill(limitedName);
  await page.getByRole('checkbox', { name: /^operate:/ }).check();
  const orgPicker = page.getByRole('group', { name: 'Limit to organizations (optional)' });
  await orgPicker.getByRole('checkbox', { name: org!.name, exact: true }).check();
  await orgPicker.getByText('1 chosen.').waitFor();
  await page.getByRole('button', { name: 'Create token' }).click();
  await page.getByRole('heading', { name: `New token “${limitedName}”: copy it now` }).waitFor();
  const limited = await page.getByLabel('Token value').inputValue();
  const limitedRow = page.locator(`tr[data-token-name="${limitedName}"]`);
  await limitedRow.waitFor();
  expect(await limitedRow.locator('td.scopes').textContent()).toBe('operate (includes read)');
  expect(await limitedRow.locator('td').nth(2).textContent()).toBe(org!.name);
  const limitedCurrent = await call(limited, '/api/tokens/current');
  expect(await limitedCurrent.json()).toMatchObject({ scopes: ['read', 'operate'], organization_ids: [org!.id] });
  await page.getByRole('button', { name: 'Done, I stored it' }).click();
  expect(await page.getByLabel('Token value').count()).toBe(0);
  expect(await page.evaluate(INPUT_VALUES)).not.toContain(limited);
  await h.shot('tokens-limited');
  expect(await orgPicker.getByRole('checkbox', { name: org!.name, exact: true }).isChecked()).toBe(false);

  // Revoking while a new token is still on show clears the once-box: a revoked value does not linger.
  // It is also given an expiry: the list shows the date, the API the same instant, and the form resets to Never.
  const shortName = `ui short-lived ${Date.now()}`;
  await page.getByLabel('Token name').fill(shortName);
  await page.getByLabel('Expires').selectOption({ label: 'In 7 days' });
  await page.getByRole('button', { name: 'Create token' }).click();
  await page.getByRole('heading', { name: `New token “${shortName}”: copy it now` }).waitFor();
  const shortValue = await page.getByLabel('Token value').inputValue();
  const shortRow = page.locator(`tr[data-token-name="${shortName}"]`);
  await shortRow.waitFor();
  const shortApi = ((await h.api('GET', '/api/tokens')).body.items as Array<{ name: string; expires_at: string | null; status: string }>).find((t) => t.name === shortName)!;
  expect(shortApi.status).toBe('active');
  expect(Date.parse(shortApi.expires_at!) - Date.now()).toBeGreaterThan(6 * 86_400_000);
  expect(await shortRow.locator('td.expires').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  expect(await shortRow.locator('td.status').textContent()).toBe('Active');
  expect(await page.getByLabel('Expires').inputValue()).toBe('never');
  await shortRow.getByRole('button', { name: 'Revoke' }).click();
  await shortRow.getByRole('button', { name: 'Yes, revoke' }).click();
  await expect.poll(() => shortRow.locator('td.status').textContent()).toMatch(/^Revoked /);
  expect(await page.getByLabel('Token value').count()).toBe(0);
  expect(await page.evaluate(INPUT_VALUES)).not.toContain(shortValue);
  expect((await call(shortValue, '/api/tokens/current')).status).toBe(401);

  await page.setViewportSize({ width: 420, height: 900 });
  await h.shot('tokens-narrow');
  await page.setViewportSize({ width: 1280, height: 900 });

  // A token revoked while a tab uses it: the next call's 401 sends the tab back to sign-in, saying why.
  const doomed = (await h.api('POST', '/api/tokens', { name: `ui doomed ${Date.now()}`, scopes: ['read'] })).body as { id: string; token: string };
  await page.evaluate(`sessionStorage.clear()`);
  await page.goto(serverUrl + '/audit');
  await page.getByLabel('API token').fill(doomed.token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  // The audit page loads its filters' lists as it opens: revoked while one of those was still on its
  // way, the tab met the 401 there and left for sign-in before the click below could land (CI, once).
  // The page does not poll, so the network falls quiet once it has loaded.
  await page.waitForLoadState('networkidle');
  expect((await h.api('DELETE', `/api/tokens/${doomed.id}`)).status).toBe(200);
  await page.getByRole('navigation', { name: 'Pages', exact: true }).getByRole('link', { name: 'Organizations', exact: true }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  expect(await page.getByRole('status').first().textContent()).toMatch(/no longer accepts this token/);
  expect(await page.evaluate(STORAGE)).not.toContain(doomed.token);
  await h.shot('tokens-session-refused');
  // A wrong token typed at sign-in is that form's own error, not the notice.
  await page.getByLabel('API token').fill('dh_not_a_real_token_000000000000');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  await h.open('/tokens');
}
