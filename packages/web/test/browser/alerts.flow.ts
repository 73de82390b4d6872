import { expect } from 'vitest';
import { adminEvent, authEvent } from '../../../hub/test/logs/support/scripted-events.js';
import type { UiHarness } from './ui-harness.js';

const WAIT = { timeout: 20_000 };

/**
 * Stores a few Duo log entries of an organization of its own (a bypass code created, a push marked
 * as fraud, five denials of one user), runs the alert rules, then on the Alerts page: the open
 * alerts are listed with their severity and organization, filtering by rule narrows them, an alert
 * is acknowledged in the UI (and the API agrees), and an admin turns a rule off and on again.
 */
export async function alertsFlow(h: UiHarness): Promise<void> {
  const { page } = h;
  const integration = await h.ensureIntegration();
  const list = (await h.api('GET', '/api/organizations')).body.items as Array<{ id: string; name: string }>;
  const org = list.find((o) => o.name === 'Alerts Flow Riverside') ?? (await h.api('POST', '/api/organizations', { name: 'Alerts Flow Riverside' })).body;
  const owner = { integrationId: integration.id, accountId: 'DAUIFLOWALERTS000001', organizationId: org.id as string };
  // The first run only marks where rules start: entries stored before it never alert.
  await h.evaluateAlerts();
  const t = Date.now() - 60_000;
  const ingested = new Date().toISOString();
  const rows = [
    adminEvent(owner, t, 'bypass_create', 'riverside-bob', { count: 1, valid_secs: 3600 }),
    authEvent(owner, t + 1000, 'riverside-dave', 'fraud', 'user_marked_fraud'),
    ...[0, 1, 2, 3, 4].map((i) => authEvent(owner, t + 2000 + i * 1000, 'riverside-mallory', 'denied')),
  ].map((r) => ({ ...r, ingested_at: ingested }));
  await h.insertLogEvents(rows);
  expect(await h.evaluateAlerts()).toBe(3);

  await h.open(`/alerts?organization_id=${org.id}`);
  await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
  const table = page.getByRole('table', { name: 'Alerts' });
  await table.waitFor(WAIT);
  const rules = () => page.locator('tr[data-alert-id]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-rule')));
  await expect.poll(rules, WAIT).toEqual(['repeated_denials', 'push_marked_fraud', 'bypass_code_created']);
  const fraudRow = page.locator('tr[data-rule="push_marked_fraud"]');
  expect(await fraudRow.locator('td.severity').textContent()).toBe('high');
  expect(await fraudRow.textContent()).toContain('riverside-dave marked an authentication request as fraud');
  expect(await fraudRow.textContent()).toContain('Alerts Flow Riverside');
  await h.shot('alerts');

  // Narrow to one rule with the filter form (kept in the URL).
  await page.getByLabel('Rule', { exact: true }).selectOption('bypass_code_created');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect.poll(rules, WAIT).toEqual(['bypass_code_created']);
  expect(page.url()).toContain('rule=bypass_code_created');

  // Acknowledge it: it leaves the open list, and the API shows who and when.
  const bypassId = await page.locator('tr[data-rule="bypass_code_created"]').getAttribute('data-alert-id');
  await page.getByRole('button', { name: /^Acknowledge: Bypass code created for riverside-bob/ }).click();
  await page.getByText('No open alerts.', { exact: false }).waitFor(WAIT);
  const acked = (await h.api('GET', `/api/alerts?status=acknowledged&organization_id=${org.id}`)).body.items as Array<{ id: string; acknowledged_at: string | null }>;
  expect(acked.map((a) => a.id)).toEqual([bypassId]);
  await page.getByLabel('Status', { exact: true }).selectOption('acknowledged');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.locator('tr[data-rule="bypass_code_created"] td.alert-status', { hasText: 'Acknowledged' }).waitFor(WAIT);

  // The rules, with the repeated-denials threshold; an admin turns one off and on again.
  const rulesTable = page.getByRole('table', { name: 'Alert rules' });
  await rulesTable.waitFor(WAIT);
  expect(await rulesTable.locator('tr[data-rule-id="repeated_denials"]').textContent()).toContain('5 in 10 min');
  const trust = rulesTable.locator('tr[data-rule-id="trust_monitor_event"] td.rule-state');
  await page.getByRole('button', { name: 'Turn off: Trust Monitor event' }).click();
  await trust.getByText('Off', { exact: false }).waitFor(WAIT);
  const rule = ((await h.api('GET', '/api/alert-rules')).body.items as Array<{ id: string; fleet: { enabled: boolean } }>).find((r) => r.id === 'trust_monitor_event')!;
  expect(rule.fleet.enabled).toBe(false);
  await page.getByRole('button', { name: 'Turn on: Trust Monitor event' }).click();
  await page.getByRole('button', { name: 'Turn off: Trust Monitor event' }).waitFor(WAIT);
}
