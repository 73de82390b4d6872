import { expect } from 'vitest';
import { navTo, someOrganization } from './tokens.flow.js';
import type { UiHarness } from './ui-harness.js';
import { walkthroughShot } from './walkthrough-shot.js';

interface Entry { id: string; at: string; action: string; outcome: string }

/**
 * Filters the audit log by action and outcome in the UI and checks each page against `GET /api/audit`
 * with the same filter (paging by its cursor), that the filtered view survives a reload (it lives in
 * the URL), a time bound from a link, the empty state, and clearing.
 */
export async function auditFlow(h: UiHarness): Promise<void> {
  const { page } = h;
  const org = await someOrganization(h);
  const me = (await h.api('GET', '/api/tokens/current')).body as { token_id: string };
  const myName = ((await h.api('GET', '/api/tokens')).body.items as Array<{ id: string; name: string }>).find((t) => t.id === me.token_id)!.name;
  // Twelve failed revokes of tokens that do not exist: audit entries that leave nothing else behind.
  for (let i = 0; i < 12; i++) {
    const res = await h.api('DELETE', `/api/tokens/tok_audit_probe_${String(i).padStart(2, '0')}`);
    expect(res.status).toBe(404);
  }
  const apiPage = async (query: string) => (await h.api('GET', `/api/audit?${query}`)).body as { items: Entry[]; next_cursor: string | null };
  const rowIds = () => page.locator('tr[data-audit-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-audit-id')));
  const table = page.getByRole('table', { name: 'Audit entries' });

  await h.open('/audit');
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  await table.waitFor();
  const unfiltered = await apiPage('limit=25');
  expect(await rowIds()).toEqual(unfiltered.items.map((e) => e.id));
  await h.shot('audit');

  await page.getByLabel('Action').fill('tokens.revoke');
  await page.getByLabel('Outcome').selectOption('failure');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('tokens.revoke');
  expect(new URL(page.url()).searchParams.get('outcome')).toBe('failure');
  await page.getByLabel('Rows per page').selectOption('10');
  await expect.poll(() => new URL(page.url()).searchParams.get('limit')).toBe('10');

  const first = await apiPage('action=tokens.revoke&outcome=failure&limit=10');
  expect(first.items).toHaveLength(10);
  expect(first.next_cursor).not.toBeNull();
  await expect.poll(rowIds).toEqual(first.items.map((e) => e.id));
  for (const action of await page.locator('tr[data-audit-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')))) expect(action).toBe('tokens.revoke');
  const firstRow = page.locator(`tr[data-audit-id="${first.items[0]!.id}"]`);
  expect(await firstRow.locator('td').nth(5).textContent()).toBe('failure (not_found)');
  expect(await firstRow.locator('td').nth(3).textContent()).toMatch(/^token tok_audit_probe_\d\d$/);
  // The actor is the token's name, with its id beneath.
  expect(await firstRow.locator('td').nth(1).textContent()).toBe(`${myName}${me.token_id}`);
  await h.shot('audit-filtered');

  // Page 2 is the API's page after the cursor; Previous comes back to page 1.
  const pager = page.getByRole('navigation', { name: 'Audit log pages' });
  await pager.getByRole('button', { name: 'Next' }).click();
  const second = await apiPage(`action=tokens.revoke&outcome=failure&limit=10&cursor=${first.next_cursor}`);
  expect(second.items.length).toBeGreaterThanOrEqual(2);
  await expect.poll(rowIds).toEqual(second.items.map((e) => e.id));
  await expect.poll(() => pager.getByText('Page 2').count()).toBe(1);
  expect(await pager.getByRole('button', { name: 'Next' }).isDisabled()).toBe(second.next_cursor === null);
  await h.shot('audit-page-2');
  await pager.getByRole('button', { name: 'Previous' }).click();
  await expect.poll(rowIds).toEqual(first.items.map((e) => e.id));

  // The filtered view is a link: a reload shows the same filters and rows.
  await page.reload();
  await table.waitFor();
  expect(await page.getByLabel('Action').inputValue()).toBe('tokens.revoke');
  expect(await page.getByLabel('Outcome').inputValue()).toBe('failure');
  await expect.poll(rowIds).toEqual(first.items.map((e) => e.id));

  // A time bound from a link: entries before the sixth probe only, as the API answers it.
  const probes = (await apiPage('action=tokens.revoke&outcome=failure&limit=100')).items.filter((e) => /probe/.test(JSON.stringify(e)));
  const cut = probes[Math.floor(probes.length / 2)]!.at;
  const bounded = await apiPage(`action=tokens.revoke&until=${encodeURIComponent(cut)}&limit=25`);
  await h.open(`/audit?action=tokens.revoke&until=${encodeURIComponent(cut)}`);
  await expect.poll(rowIds).toEqual(bounded.items.map((e) => e.id));
  expect(bounded.items.length).toBeGreaterThan(0);
  for (const e of bounded.items) expect(Date.parse(e.at)).toBeLessThan(Date.parse(cut));
  expect(await page.getByLabel('Until (exclusive)').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);

  // No matches: the empty state says what to do.
  await page.getByLabel('Action').fill('no.such.action');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByText('No entries match these filters.').waitFor();
  expect(await table.count()).toBe(0);
  await h.shot('audit-empty');

  // Organization and actor filters, each equal to the API's answer to the same query.
  await page.getByLabel('Action').fill('');
  await page.getByLabel('Organization').selectOption(org!.id);
  await page.getByLabel('Actor (token)').selectOption(me.token_id);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const byOrg = await apiPage(`organization_id=${org!.id}&token_id=${me.token_id}&until=${encodeURIComponent(cut)}&limit=25`);
  expect(byOrg.items.length).toBeGreaterThan(0);
  await expect.poll(rowIds).toEqual(byOrg.items.map((e) => e.id));
  // Names beside ids: the organization by name, its id beneath.
  for (const cell of await page.locator('tr[data-audit-id] td:nth-child(5)').allTextContents()) expect(cell).toBe(`${org!.name}${org!.id}`);
  await h.shot('audit-by-organization');

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect.poll(() => new URL(page.url()).search).toBe('');
  const all = await apiPage('limit=25');
  await expect.poll(rowIds).toEqual(all.items.map((e) => e.id));
  expect(await page.getByLabel('Action').inputValue()).toBe('');

  // A failed verification: its reason is shown with the outcome; targets carry names beside ids; inputs open in a drawer.
  const integration = await h.ensureIntegration();
  const hq = await h.api('POST', '/api/organizations', { name: `Audit HQ ${Date.now()}`, integration_id: integration.id, duo_account_id: 'parent' });
  expect(hq.status).toBe(201);
  try {
    const parent = h.emulator.state.accounts[h.emulator.state.parent_account_id]!;
    const someone = Object.values(parent.users).find((u) => u.status === 'active')!;
    const verify = await h.api('POST', '/api/verify', { organization_id: hq.body.id, username: someone.username, factor: 'passcode', passcode: '000000' });
    expect(verify.status).toBe(200);
    expect(verify.body.outcome).not.toBe('approved');
    await h.open('/audit?action=mfa.verify&limit=3');
    const verifyRow = page.locator('tr[data-action="mfa.verify"]').first();
    await verifyRow.waitFor();
    const entry = (await apiPage('action=mfa.verify&limit=1')).items[0] as Entry & { inputs: { outcome: string; reason: string } };
    expect(await verifyRow.locator('.audit-reason').textContent()).toBe(`${entry.inputs.outcome.replace(/_/g, ' ')}: ${entry.inputs.reason}`);
    expect(await verifyRow.locator('td').nth(4).textContent()).toBe(`${hq.body.name}${hq.body.id}`);
    const drawer = verifyRow.locator('details.audit-inputs');
    expect(await drawer.evaluate((d) => (d as { open: boolean }).open)).toBe(false);
    await drawer.locator('summary').click();
    expect(JSON.parse((await drawer.locator('pre').textContent()) ?? '{}').username).toBe(someone.username);
    await h.shot('audit-failed-verify');
    await walkthroughShot(page.getByRole('table', { name: 'Audit entries' }), '7-audit');

    // The organization's creation names it beside its id; at 1280 px nothing runs wider than the window, drawers open.
    await h.open(`/audit?action=organizations.create`);
    const created = page.locator('tr[data-action="organizations.create"]').filter({ hasText: hq.body.id }).first();
    await created.waitFor();
    expect(await created.locator('td.audit-target').textContent()).toBe(`organization ${hq.body.name}${hq.body.id}`);
    await h.open('/audit');
    await table.waitFor();
    for (const summary of await page.locator('details.audit-inputs summary').all()) await summary.click();
    expect(await page.evaluate('document.scrollingElement.scrollWidth')).toBeLessThanOrEqual(1280);
    expect(await page.evaluate('document.scrollingElement.clientWidth')).toBe(1280);
    await h.shot('audit-1280-inputs-open');
  } finally {
    await h.api('DELETE', `/api/organizations/${hq.body.id}`);
  }

  await page.setViewportSize({ width: 420, height: 900 });
  await h.shot('audit-narrow');
  await page.setViewportSize({ width: 1280, height: 900 });
  await navTo(h, 'Audit log');
}
