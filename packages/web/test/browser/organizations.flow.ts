import { expect } from 'vitest';
import type { UiHarness } from './ui-harness.js';

/** Maps organizations named after child accounts with Suggest, then Apply. */
export async function organizationsFlow(h: UiHarness): Promise<void> {
  const { page, emulator } = h;
  await h.ensureIntegration();
  const accounts = emulator.credentials().accounts;
  const parent = accounts.find((a) => a.parent_id === null)!;
  const children = accounts.filter((a) => a.parent_id === parent.account_id).slice(0, 2);
  for (const child of children) {
    const res = await h.api('POST', '/api/organizations', { name: `${child.name} LLC` });
    expect(res.status).toBe(201);
  }
  await h.open('/organizations');
  await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
  const first = children[0]!;
  const row = page.locator(`tr[data-org="${first.name} LLC"]`);
  await row.waitFor();
  expect(await row.locator('td.mapped').textContent()).toBe('unmapped');
  await page.getByRole('button', { name: 'Suggest' }).click();
  await page.getByText(/suggestion\(s\) to review/).waitFor();
  expect(await row.locator('td').nth(4).textContent()).toContain(first.name);
  await h.shot('organizations-suggested');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByText(/^Applied \d+/).waitFor();
  await expect.poll(() => row.locator('td.mapped').textContent()).toBe(`${first.name} (suggested)`);
  await h.shot('organizations');
}
