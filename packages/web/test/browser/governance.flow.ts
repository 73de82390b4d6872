import { expect } from 'vitest';
import type { UiHarness } from './ui-harness.js';

/**
 * Issue 16 in the browser: one action of each governance family run from the Actions page on the
 * integration's own account, its JSON result checked against the emulator's records; then the
 * organization page's one-click Auth API application, created in the organization's child account.
 */
export async function governanceFlow(h: UiHarness): Promise<void> {
  const { page, emulator } = h;
  const integration = await h.ensureIntegration();
  const orgs = await h.ensureMappedOrganizations(3);
  const withoutAuth = [];
  for (const o of orgs) if (!(await h.api('GET', `/api/organizations/${o.id}`)).body.auth) withoutAuth.push(o);
  const org = withoutAuth[0];
  expect(org, 'a mapped organization without Auth API keys').toBeDefined();
  const parent = () => emulator.state.accounts[emulator.state.parent_account_id]!;
  const count = (records: Record<string, unknown> | undefined) => Object.keys(records ?? {}).length;
  const samples: Array<{ id: string; check(out: any): void }> = [
    { id: 'admins.list', check: (out) => expect(out.items.length).toBe(count(parent().admins)) },
    { id: 'administrative_units.list', check: (out) => expect(out.items.length).toBe(count(parent().administrative_units)) },
    { id: 'integrations.list', check: (out) => expect(out.items.map((i: any) => i.integration_key).sort()).toEqual(Object.keys(parent().integrations).sort()) },
    { id: 'policies.list', check: (out) => expect(out.items.map((p: any) => p.policy_key).sort()).toEqual(Object.keys(parent().policies ?? {}).sort()) },
    { id: 'endpoints.list', check: (out) => expect(out.items.length).toBe(out.total_objects) },
    { id: 'registered_devices.list', check: (out) => expect(out.items.length).toBe(out.total_objects) },
    { id: 'passport.get', check: (out) => expect(typeof out).toBe('object') },
    { id: 'branding.get', check: (out) => expect(typeof out).toBe('object') },
  ];
  const ownAccount = `${integration.name} (integration's own account)`;
  for (const sample of samples) {
    await h.open(`/actions/${sample.id}`);
    const catalogBody = await h.api('GET', `/api/actions/${sample.id}`);
    expect(catalogBody.status, `${sample.id} is in the catalog`).toBe(200);
    await page.getByRole('heading', { name: catalogBody.body.title, level: 2, exact: true }).waitFor();
    await page.getByLabel('Run on').selectOption({ label: ownAccount });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('button', { name: 'JSON' }).click();
    const text = await page.getByLabel('Result JSON').textContent();
    sample.check(JSON.parse(text ?? 'null'));
  }
  await h.shot('governance-policies-list');

  // The organization page: one click creates the organization's Auth API application in its own
  // child account; its keys are stored (only a hint of the secret shows).
  const child = () => emulator.state.accounts[org!.duo_account_id]!;
  const authApps = () => Object.values(child().integrations).filter((i) => i.type === 'auth');
  const before = authApps().length;
  await h.open('/organizations');
  await page.getByRole('button', { name: `Edit ${org!.name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Edit "${org!.name}"` });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: /Create an Auth API application in/ }).click();
  await expect.poll(() => authApps().length).toBe(before + 1);
  const created = authApps().at(-1)!;
  await expect.poll(async () => (await h.api('GET', `/api/organizations/${org!.id}`)).body.auth?.integration_key).toBe(created.integration_key);
  expect(await page.content()).not.toContain(created.secret_key);
  await h.shot('governance-org-auth-application');
}
