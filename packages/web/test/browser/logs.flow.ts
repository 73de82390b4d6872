import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { expectedDashboard, parseCsv } from '../../../hub/test/logs/support/log-api.js';
import { buildLogEvents, type LogRow } from '../../../hub/test/logs/support/log-event-fixture.js';
import { formatTime } from '../../src/pages/audit/format-time.js';
import type { UiHarness } from './ui-harness.js';

const WAIT = { timeout: 20_000 };
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, WAIT);

/**
 * Stores Duo log entries of two organizations of its own in the hub's store (as a sync would), then
 * on the Logs page: filters by organization and result, pages with "Load more" until every entry of
 * the organization is shown in order, checks times in the viewer's zone and the result badges,
 * downloads both exports and compares them with the stored rows, reads the dashboard's figures
 * against the same rows, and follows a top failing user.
 */
export async function logsFlow(h: UiHarness): Promise<void> {
  const { page } = h;
  const integration = await h.ensureIntegration();
  // Organizations no Duo account is mapped to: only this flow's rows can be theirs.
  const org = async (name: string) => {
    const list = (await h.api('GET', '/api/organizations')).body.items as Array<{ id: string; name: string }>;
    return list.find((o) => o.name === name) ?? (await h.api('POST', '/api/organizations', { name })).body;
  };
  const A = (await org('Logs Flow Northwind')) as { id: string; name: string };
  const B = (await org('Logs Flow Southgate')) as { id: string; name: string };
  const rows: LogRow[] = buildLogEvents({
    integrationId: integration.id,
    now: Date.now(),
    orgs: [
      { id: A.id, accountId: 'DAUIFLOWNORTH0000001', userPrefix: 'north' },
      { id: B.id, accountId: 'DAUIFLOWSOUTH0000002', userPrefix: 'south' },
    ],
    days: 6,
    perDay: 15,
    seed: 21,
  });
  await h.insertLogEvents(rows);
  const ofA = rows.filter((r) => r.organization_id === A.id);
  const rowIds = () => page.locator('tr[data-log-id]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-log-id')));
  const table = page.getByRole('table', { name: 'Log entries' });

  await h.open('/logs');
  await page.getByRole('heading', { name: 'Logs', level: 1 }).waitFor();
  await table.waitFor(WAIT);

  // Organization A and denied only: every row shown is one of A's denials, newest first.
  await page.getByLabel('Organization', { exact: true }).selectOption(A.id);
  await page.getByLabel('Result', { exact: true }).selectOption('denied');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await poll(() => new URL(page.url()).searchParams.get('result')).toBe('denied');
  const denied = ofA.filter((r) => r.result === 'denied');
  expect(denied.length).toBeGreaterThan(5);
  await poll(rowIds).toEqual(denied.map((r) => r.id).slice(0, 50));
  for (const badge of await page.locator('tr[data-log-id] .badge').allTextContents()) expect(badge).toBe('denied');
  expect(await page.locator('tr[data-log-id] .badge.badge-warn').count()).toBe(Math.min(50, denied.length));
  await h.shot('logs-filtered');

  // Every result of A: more than a page, so "Load more" twice, with no repeats and no gaps.
  await page.getByLabel('Result', { exact: true }).selectOption('');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await poll(() => new URL(page.url()).searchParams.get('result')).toBeNull();
  expect(ofA.length).toBeGreaterThan(100);
  await poll(rowIds).toEqual(ofA.map((r) => r.id).slice(0, 50));
  const more = page.getByRole('button', { name: 'Load more' });
  await more.click();
  await poll(rowIds).toEqual(ofA.map((r) => r.id).slice(0, 100));
  await more.click();
  await poll(rowIds).toEqual(ofA.map((r) => r.id));
  await page.getByText(`Showing ${ofA.length} entries (all that match)`).waitFor(WAIT);
  expect(await more.count()).toBe(0);

  // Times in the viewer's zone, with the instant in the markup; badges by result.
  const first = ofA[0]!;
  const firstRow = page.locator(`tr[data-log-id="${first.id}"]`);
  expect(await firstRow.locator('time').getAttribute('datetime')).toBe(new Date(first.occurred_at).toISOString());
  expect(await firstRow.locator('time').textContent()).toBe(formatTime(new Date(first.occurred_at).toISOString()));
  const tones: Record<string, string> = { success: 'badge-ok', denied: 'badge-warn', fraud: 'badge-bad' };
  for (const r of ofA.slice(0, 30).filter((x) => x.result)) {
    expect(await page.locator(`tr[data-log-id="${r.id}"] .badge`).getAttribute('class')).toContain(tones[r.result!]);
  }
  await h.shot('logs-all-pages');

  // Exports of the same filters: every row of A, newest first.
  const [csvDownload] = await Promise.all([page.waitForEvent('download', WAIT), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^duohub-logs-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = parseCsv(await readFile((await csvDownload.path())!, 'utf8'));
  expect(csv[0]!.slice(0, 3)).toEqual(['id', 'occurred_at', 'log_type']);
  expect(csv.slice(1).map((c) => c[0])).toEqual(ofA.map((r) => r.id));
  const [jsonDownload] = await Promise.all([page.waitForEvent('download', WAIT), page.getByRole('button', { name: 'Export JSON lines' }).click()]);
  expect(jsonDownload.suggestedFilename()).toMatch(/\.jsonl$/);
  const lines = (await readFile((await jsonDownload.path())!, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; organization_id: string; event: unknown });
  expect(lines.map((l) => l.id)).toEqual(ofA.map((r) => r.id));
  expect(lines[0]!.event).toEqual(JSON.parse(first.raw));
  await page.getByText(/^Downloaded duohub-logs-.*\.jsonl\.$/).waitFor(WAIT);

  // The dashboard of A over the last 7 days: every authentication of A is in it.
  const dash = page.getByRole('region', { name: /^Dashboard: Logs Flow Northwind/ });
  const expected = expectedDashboard(ofA, { since: 0 });
  const figure = (id: string) => dash.locator(`[data-figure="${id}"] .card-value`).textContent();
  await poll(() => figure('authentications')).toBe(String(expected.totals.authentications));
  expect(await figure('success')).toBe(String(expected.totals.success));
  expect(await figure('denied')).toBe(String(expected.totals.denied));
  expect(await figure('fraud')).toBe(String(expected.totals.fraud));
  // The other log types over the same span: the fixture's administrator and telephony entries (1 credit each).
  const ofType = (type: string) => ofA.filter((r) => r.log_type === type).length;
  expect(await figure('admin_actions')).toBe(String(ofType('administrator')));
  expect(await figure('telephony_events')).toBe(String(ofType('telephony')));
  expect(await figure('telephony_credits')).toBe(String(ofType('telephony')));
  const barValue = async (list: string, key: string) => Number.parseInt((await dash.getByRole('table', { name: list }).locator(`tr[data-bar="${key}"] .bar-value-cell`).textContent()) ?? '', 10);
  for (const f of expected.factors) expect(await barValue('Factors used', f.factor)).toBe(f.count);
  const topUsers = await dash.getByRole('table', { name: 'Top failing users' }).locator('tr[data-bar]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-bar')));
  expect(topUsers).toEqual(expected.top_failing_users.map((u) => u.username));
  for (const u of expected.top_failing_users) expect(await barValue('Top failing users', u.username)).toBe(u.failures);
  const perDay = await dash.getByRole('table', { name: 'Results per day' }).locator('tr[data-bar] .bar-value-cell').allTextContents();
  expect(perDay.reduce((n, t) => n + Number.parseInt(t, 10), 0)).toBe(expected.totals.authentications);
  await h.shot('logs-dashboard');

  // Following the worst user filters the entries to them.
  const worst = expected.top_failing_users[0]!;
  await dash.getByRole('button', { name: worst.username, exact: true }).click();
  await poll(() => new URL(page.url()).searchParams.get('username')).toBe(worst.username);
  await poll(rowIds).toEqual(ofA.filter((r) => r.username === worst.username).map((r) => r.id).slice(0, 50));
  expect(await page.getByLabel('User', { exact: true }).inputValue()).toBe(worst.username);

  // The other organization's dashboard counts its own rows only.
  await page.getByLabel('User', { exact: true }).fill('');
  await page.getByLabel('Organization', { exact: true }).selectOption(B.id);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const dashB = page.getByRole('region', { name: /^Dashboard: Logs Flow Southgate/ });
  await poll(() => dashB.locator('[data-figure="denied"] .card-value').textContent()).toBe(String(expectedDashboard(rows.filter((r) => r.organization_id === B.id), { since: 0 }).totals.denied));

  await page.setViewportSize({ width: 390, height: 844 });
  await h.shot('logs-narrow');
  await page.setViewportSize({ width: 1280, height: 900 });
}
