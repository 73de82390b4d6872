import { expect } from 'vitest';
import type { UiHarness } from './ui-harness.js';

/** `expect.poll` with room for a coverage run against the emulator. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });

/**
 * Learned rate limits on the integrations page: after a coverage run, the integration's panel lists
 * what the API lists (organizations named), and an administrator resets one account's, then all,
 * each after a confirmation.
 */
export async function rateLimitsFlow(h: UiHarness): Promise<void> {
  const { page } = h;
  const integration = await h.ensureIntegration();
  const orgs = await h.ensureMappedOrganizations(3);
  // A run teaches the hub each account's limits (whatever earlier flows did).
  const started = await h.api('POST', '/api/reports/mfa-coverage/runs', { integration_id: integration.id });
  expect(started.status).toBe(202);
  await poll(async () => (await h.api('GET', `/api/reports/mfa-coverage/runs/${started.body.id}`)).body.status).toBe('done');
  const learned = (await h.api('GET', `/api/integrations/${integration.id}/rate-limits`)).body.items as Array<{ account_id: string }>;
  for (const org of orgs) expect(learned.some((l) => l.account_id === org.duo_account_id)).toBe(true);

  await h.open('/integrations');
  await page.getByRole('heading', { level: 2, name: 'Learned Duo rate limits' }).waitFor();
  const panel = page.locator(`details.learned-limits[data-integration="${integration.name}"]`);
  await panel.locator('summary').click();
  await poll(() => panel.locator('tbody tr').count()).toBe(learned.length);
  for (const org of orgs) expect(await panel.locator(`tr[data-account="${org.duo_account_id}"] th`).first().textContent()).toContain(org.name);
  expect(await panel.locator('tbody').textContent()).toContain('Duo publishes 200');
  await h.shot('integrations-learned-limits');

  // One account: its rows go, the others stay.
  const [first] = orgs as [(typeof orgs)[0]];
  await panel.getByRole('button', { name: `Reset the learned limits of ${first.name} (${first.duo_account_id})` }).click();
  await panel.getByRole('button', { name: 'Yes, reset' }).click();
  await poll(() => panel.getByRole('status').textContent()).toBe('Forgot the limits learned for 1 Duo account(s).');
  await poll(() => panel.locator(`tr[data-account="${first.duo_account_id}"]`).count()).toBe(0);
  const left = (await h.api('GET', `/api/integrations/${integration.id}/rate-limits`)).body.items as Array<{ account_id: string }>;
  expect(left.length).toBeGreaterThan(0);
  expect(left.some((l) => l.account_id === first.duo_account_id)).toBe(false);
  expect(await panel.locator('tbody tr').count()).toBe(left.length);

  // Every account.
  await panel.getByRole('button', { name: `Reset the learned limits of ${integration.name}` }).click();
  await panel.getByRole('button', { name: 'Yes, reset' }).click();
  await poll(() => panel.getByRole('status').textContent()).toMatch(/Forgot the limits learned for \d+ Duo account/);
  await panel.getByText("Nothing learned yet: runs start from Duo's published rates.").waitFor();
  expect((await h.api('GET', `/api/integrations/${integration.id}/rate-limits`)).body.items).toEqual([]);
  const audit = await h.api('GET', '/api/audit?action=integrations.rate_limits.reset&outcome=success');
  expect(audit.body.items[0]).toMatchObject({ target_id: integration.id });
}
