import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import type { UiHarness } from './ui-harness.js';

const WAIT = { timeout: 20_000 };

/**
 * The Seats page: the table shows each mapped child with its organization, its users as the emulator
 * holds them, its edition, and a totals row; the CSV button downloads one line per account plus totals.
 */
export async function seatsFlow(h: UiHarness): Promise<void> {
  const { page } = h;
  const [org] = await h.ensureMappedOrganizations(1);
  await h.open('/seats');
  await page.getByRole('heading', { name: 'Seats and billing', level: 1 }).waitFor(WAIT);
  const table = page.getByRole('table', { name: 'Seats per Duo account' });
  const row = table.locator(`tr[data-account="${org!.duo_account_id}"]`);
  await row.waitFor(WAIT);
  const account = h.emulator.state.accounts[org!.duo_account_id]!;
  await expect.poll(() => row.locator('th').innerText(), WAIT).toBe(org!.name);
  expect(await row.locator('td[data-figure="users"]').innerText()).toBe(String(Object.keys(account.users).length));
  expect(await row.locator('td[data-figure="edition"]').innerText()).toContain(account.edition);
  const parentRow = table.locator('tr[data-account="parent"]');
  await parentRow.waitFor(WAIT);
  const total = table.locator('tfoot tr[data-account="total"]');
  expect(await total.locator('th').innerText()).toBe('Fleet total');
  const totalUsers = Number((await total.locator('td[data-figure="users"]').innerText()).replace(/,/g, ''));
  const rows = await table.locator('tbody tr[data-account]').count();
  expect(totalUsers).toBeGreaterThanOrEqual(Object.keys(account.users).length);
  await h.shot('seats');

  const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^duohub-seats-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = (await readFile((await download.path())!, 'utf8')).split('\r\n').filter(Boolean);
  expect(lines[0]!.startsWith('row,organization,organization_id,')).toBe(true);
  expect(lines).toHaveLength(1 + rows + 1);
  expect(lines.some((l) => l.includes(org!.id) && l.includes(org!.duo_account_id))).toBe(true);
  expect(lines[lines.length - 1]!.startsWith('total,')).toBe(true);
}
