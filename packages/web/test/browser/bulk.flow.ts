import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { wrapRoute } from '@duohub/emulator';
import type { UiHarness } from './ui-harness.js';
import { walkthroughShot } from './walkthrough-shot.js';

const WAIT = { timeout: 20_000 };

/** Takes a fresh coverage snapshot through the API and answers it, so the drill-down lists today's users. */
async function freshSnapshot(h: UiHarness, integrationId: string): Promise<any> {
  const started = await h.api('POST', '/api/reports/mfa-coverage/runs', { integration_id: integrationId });
  expect(started.status, JSON.stringify(started.body)).toBeLessThan(300);
  await expect
    .poll(async () => (await h.api('GET', `/api/reports/mfa-coverage/runs/${started.body.id}`)).body.status, { timeout: 30_000, interval: 200 })
    .toBe('done');
  const report = await h.api('GET', `/api/reports/mfa-coverage?run=${started.body.id}`);
  expect(report.status).toBe(200);
  return report.body;
}

/**
 * Holds every `users/enroll` call until released, so a run is seen under way by construction, not by timing
 * (however many of one organization's items the hub has in flight at once).
 */
function holdEnrolls(h: UiHarness) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived = 0;
  h.emulator.use(
    wrapRoute('POST', '/admin/v1/users/enroll', async (_ctx, next) => {
      arrived++;
      await released;
      return next();
    }),
  );
  return { release, calls: () => arrived };
}

/** The CSV rows of a report (no quoted commas expected in usernames and statuses; quotes are stripped). */
function csvRows(text: string): string[][] {
  return text.trim().split(/\r?\n/).map((line) => line.split(',').map((f) => f.replace(/^"|"$/g, '')));
}

/**
 * Bulk runs from the coverage drill-down: "Send enrollment to these N users" plans users.enroll for exactly
 * the users listed, in that organization only; the plan's review lists them (N calls, one organization, the
 * plan hash); the token that planned it may not approve it (the hub's reason is shown inline); a second token
 * with the approve scope approves; the planner runs it after an inline question naming the organization and
 * the number of calls; progress shows while the calls are held; the results show N done; the emulator saw
 * exactly those enrollments, on exactly that account; the reports and the runs list agree. Then the New run
 * form (checks, preview, plan, discard) and a run paused and cancelled part-way.
 */
export async function bulkFlow(h: UiHarness): Promise<void> {
  const { page } = h;
  const integration = await h.ensureIntegration();
  const orgs = await h.ensureMappedOrganizations(2);
  const org = orgs[1]!;
  const report = await freshSnapshot(h, integration.id);
  const row = (report.organizations as any[]).find((o) => o.organization_id === org.id);
  const expected: string[] = row.users_without_mfa.map((u: { username: string }) => u.username);
  const n = expected.length;
  expect(n).toBeGreaterThan(1);
  const account = h.emulator.state.accounts[org.duo_account_id]!;
  const emails = new Map(Object.values(account.users).map((u) => [u.username, u.email]));
  const statsBefore = h.emulator.stats();
  const enrollsBefore = statsBefore.executionLog.filter((e) => e.operation === 'users.enroll').length;
  const enrollCount = (s: ReturnType<typeof h.emulator.stats>, accountId: string) =>
    Object.entries(s.accountRequests[accountId] ?? {}).filter(([route]) => route.includes('/admin/v1/users/enroll')).reduce((sum, [, c]) => sum + c, 0);
  const accountIds = Object.keys(h.emulator.state.accounts);
  const countersBefore = new Map(accountIds.map((id) => [id, enrollCount(statsBefore, id)]));
  const approver = await h.api('POST', '/api/tokens', { name: `bulk-approver-${Date.now()}`, scopes: ['approve'] });
  expect(approver.status, JSON.stringify(approver.body)).toBe(201);
  const gate = holdEnrolls(h);
  const signInAs = async (token: string, path: string) => {
    await page.evaluate(`sessionStorage.setItem('duohub.token', ${JSON.stringify(token)})`);
    await h.open(path);
  };

  try {
    // The drill-down of one organization: the button names the users listed.
    await h.open(`/coverage?integration=${integration.id}&snapshot=${report.snapshot.id}`);
    await page.locator(`table.coverage-orgs tr[data-org="${org.id}"] th a`).click();
    await page.getByRole('heading', { level: 1, name: `${org.name}: users without MFA` }).waitFor(WAIT);
    const send = page.getByRole('button', { name: `Send enrollment to these ${n} users` });
    await send.waitFor(WAIT);
    await send.click();

    // The review: N calls, that organization only, each user once with their email; nothing sent yet.
    await page.getByRole('heading', { level: 1, name: /^Review the plan: / }).waitFor(WAIT);
    const runId = decodeURIComponent(new URL(page.url()).pathname.replace(/^\/bulk\//, ''));
    const planned = (await h.api('GET', `/api/bulk-runs/${runId}`)).body;
    expect([planned.status, planned.action_id, planned.counts.total, planned.requires_approval, planned.approved]).toEqual(['planned', 'users.enroll', n, true, false]);
    expect(planned.plan.by_organization.map((o: any) => [o.organization_id, o.items])).toEqual([[org.id, n]]);
    const byOrg = page.locator('table.bulk-by-org tbody tr');
    expect(await byOrg.count()).toBe(1);
    expect(await byOrg.first().locator('th').innerText()).toBe(org.name);
    expect(await byOrg.first().locator('td').first().innerText()).toBe(String(n));
    expect(await page.locator('#bulk-plan-hash').innerText()).toBe(planned.plan_hash);
    await page.getByLabel('Rows per page').selectOption('100');
    await page.getByText(`1–${n} of ${n}`).waitFor(WAIT);
    const items = page.locator('table.bulk-item-table tbody tr');
    expect(await items.count()).toBe(n);
    expect((await items.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-target')))).sort()).toEqual([...expected].sort());
    expect(new Set(await items.locator('td:nth-child(2)').allInnerTexts())).toEqual(new Set([org.name]));
    for (const name of expected.slice(0, 3)) {
      const input = await page.locator(`table.bulk-item-table tr[data-target="${name}"] td.bulk-input`).innerText();
      expect(input).toContain(`email=${emails.get(name)}`);
    }
    expect(h.emulator.stats().executionLog.filter((e) => e.operation === 'users.enroll')).toHaveLength(enrollsBefore);
    await page.getByLabel('Rows per page').selectOption('10');
    await page.getByText(`1–${Math.min(10, n)} of ${n}`).waitFor(WAIT);
    await walkthroughShot(page.locator('section.bulk'), '8-bulk-plan-review');
    await h.shot('bulk-plan-review');

    // Run waits for approval; the planner's own Approve is refused with the hub's reason, inline.
    expect(await page.getByRole('button', { name: 'Run (needs approval first)' }).isDisabled()).toBe(true);
    expect(await page.locator('#bulk-approval-note').innerText()).toContain('You planned this run');
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    const refusal = page.locator('.bulk-refusal[data-control="approve"]');
    await refusal.waitFor(WAIT);
    expect(await refusal.innerText()).toMatch(/^Not approved: .+\(forbidden\)$/s);
    expect((await h.api('GET', `/api/bulk-runs/${runId}`)).body.approved).toBe(false);

    // A second person (a token with the approve scope only) approves; running is still for operate.
    await signInAs(approver.body.token, `/bulk/${runId}`);
    await page.getByRole('heading', { level: 1, name: /^Review the plan: / }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.locator('#bulk-approval-note').filter({ hasText: `Approved by token ${approver.body.id}` }).waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'Run', exact: true }).isDisabled()).toBe(true);
    const approved = (await h.api('GET', `/api/bulk-runs/${runId}`)).body;
    expect([approved.approved, approved.approved_by, approved.plan_hash]).toEqual([true, approver.body.id, planned.plan_hash]);

    // The planner runs it: the question names the organization and the number of calls.
    await signInAs(h.token, `/bulk/${runId}`);
    await page.locator('#bulk-approval-note').filter({ hasText: 'Approved' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const question = page.getByRole('group', { name: `Make ${n} users.enroll calls in ${org.name}?` });
    await question.waitFor(WAIT);
    await question.getByRole('button', { name: `Yes, make ${n} calls` }).click();

    // Live: the calls are held, so the run is seen running, nothing finished yet, with its progress bar and controls.
    await expect.poll(() => gate.calls(), WAIT).toBeGreaterThan(0);
    await page.locator('.bulk-headline [data-status="running"]').waitFor(WAIT);
    await page.getByText(`0 of ${n} calls finished (0%)`).waitFor(WAIT);
    expect(await page.getByRole('progressbar', { name: 'Calls finished' }).getAttribute('value')).toBe('0');
    await page.getByRole('button', { name: 'Pause' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Cancel run…' }).waitFor(WAIT);
    await page.locator('table.bulk-item-table tbody tr[data-status="calling"]').first().waitFor(WAIT);
    await h.shot('bulk-running');
    gate.release();

    // Finished: N done, the results say so, and the emulator saw exactly these enrollments on exactly this account.
    await page.locator('.bulk-headline [data-status="completed"]').waitFor(WAIT);
    await page.getByText(`${n} of ${n} calls finished (100%): ${n} done, 0 failed.`).waitFor(WAIT);
    const finished = (await h.api('GET', `/api/bulk-runs/${runId}`)).body;
    expect([finished.status, finished.counts.done, finished.counts.failed, finished.counts.review]).toEqual(['completed', n, 0, 0]);
    await page.getByLabel('Show', { exact: true }).selectOption('done');
    await page.getByLabel('Rows per page').selectOption('100');
    await page.getByText(`1–${n} of ${n}`).waitFor(WAIT);
    expect(await page.locator('table.bulk-item-table tbody tr[data-status="done"]').count()).toBe(n);
    expect(await page.locator('table.bulk-item-table tbody tr:not([data-status="done"])').count()).toBe(0);
    await page.getByLabel('Show', { exact: true }).selectOption('');
    await page.getByLabel('Rows per page').selectOption('10');
    await page.getByText(`1–${Math.min(10, n)} of ${n}`).waitFor(WAIT);
    await walkthroughShot(page.locator('.bulk-overview'), '9-bulk-run-finished');
    await h.shot('bulk-finished');

    const after = h.emulator.stats();
    const enrolls = after.executionLog.filter((e) => e.operation === 'users.enroll').slice(enrollsBefore);
    expect(enrolls).toHaveLength(n);
    expect(new Set(enrolls.map((e) => e.account_id))).toEqual(new Set([org.duo_account_id]));
    expect(enrolls.map((e) => e.detail?.username).sort()).toEqual([...expected].sort());
    for (const e of enrolls) expect(e.detail?.email).toBe(emails.get(e.detail?.username as string));
    for (const id of accountIds) expect(enrollCount(after, id) - countersBefore.get(id)!, id).toBe(id === org.duo_account_id ? n : 0);

    // On a phone-sized window nothing is wider than the screen (tables scroll inside their wrapper).
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.locator('.bulk-headline').waitFor(WAIT);
      const wide = (await page.evaluate(`[...document.querySelectorAll('body *')].filter((el) => !el.closest('.table-wrap') && el.getBoundingClientRect().right > window.innerWidth + 1).slice(-4).map((el) => el.tagName + '.' + el.className)`)) as string[];
      expect((await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number, wide.join(' ')).toBeLessThanOrEqual(0);
      await h.shot('bulk-finished-narrow');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }

    // The report holds every item, done.
    const [csv] = await Promise.all([page.waitForEvent('download', WAIT), page.getByRole('button', { name: 'Report (CSV)' }).click()]);
    const rows = csvRows(await readFile((await csv.path())!, 'utf8'));
    const header = rows[0]!;
    expect(rows.slice(1)).toHaveLength(n);
    expect(new Set(rows.slice(1).map((r) => r[header.indexOf('status')]))).toEqual(new Set(['done']));
    expect(rows.slice(1).map((r) => r[header.indexOf('target')]).sort()).toEqual([...expected].sort());
    const [json] = await Promise.all([page.waitForEvent('download', WAIT), page.getByRole('button', { name: 'Report (JSON)' }).click()]);
    expect(json.suggestedFilename()).toBe(`duohub-bulk-run-${runId}.json`);
    const reported = JSON.parse(await readFile((await json.path())!, 'utf8')) as Array<{ target: string; status: string; organization_id: string }>;
    expect(reported.map((r) => [r.target, r.status, r.organization_id]).sort()).toEqual([...expected].sort().map((t) => [t, 'done', org.id]));

    // The runs list shows it completed, with its counts.
    await page.getByRole('link', { name: '← All bulk runs' }).click();
    const listed = page.locator(`table.bulk-runs tr[data-run="${runId}"]`);
    await listed.waitFor(WAIT);
    expect(await listed.locator('[data-status]').getAttribute('data-status')).toBe('completed');
    expect((await listed.locator('td').allInnerTexts()).slice(2, 5)).toEqual([String(n), '0', String(n)]);

    // The New run form: organizations picked, usernames pasted (one unknown), Preview answers without saving;
    // Plan saves it (no approval asked for), and Discard deletes it again.
    const other = orgs[0]!;
    const otherUsers = Object.values(h.emulator.state.accounts[other.duo_account_id]!.users).map((u) => u.username).sort().slice(0, 2);
    const runsBefore = (await h.api('GET', '/api/bulk-runs?limit=200')).body.items.length;
    await page.getByRole('link', { name: 'New run' }).click();
    await page.getByRole('heading', { level: 1, name: 'New bulk run' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    await page.getByText('Choose the action to run.').waitFor(WAIT);
    await page.getByLabel('Action', { exact: true }).selectOption('users.enroll');
    await page.getByLabel('Pick organizations').check();
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    await page.getByText('Pick at least one organization.').waitFor(WAIT);
    await page.getByLabel(other.name, { exact: true }).check();
    await page.getByLabel('A list of usernames or emails').check();
    await page.getByLabel('Usernames or emails', { exact: true }).fill(`${otherUsers.join('\n')}\nno-such-user-anywhere`);
    expect(await page.getByRole('textbox', { name: 'Email', exact: true }).count()).toBe(0);
    await page.getByLabel(/^Requires approval/).uncheck();
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.locator('.bulk-preview');
    await preview.waitFor(WAIT);
    expect(await preview.innerText()).toContain(`2 calls in 1 organization: ${other.name} (2).`);
    expect(await preview.innerText()).toContain('no-such-user-anywhere');
    await h.shot('bulk-new-run-preview');
    expect((await h.api('GET', '/api/bulk-runs?limit=200')).body.items.length).toBe(runsBefore);
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^Review the plan: / }).waitFor(WAIT);
    const formRunId = decodeURIComponent(new URL(page.url()).pathname.replace(/^\/bulk\//, ''));
    const formRun = (await h.api('GET', `/api/bulk-runs/${formRunId}`)).body;
    expect([formRun.requires_approval, formRun.counts.total, formRun.plan.by_organization.map((o: any) => o.organization_id)]).toEqual([false, 2, [other.id]]);
    await page.getByText('1–2 of 2').waitFor(WAIT);
    expect((await page.locator('table.bulk-item-table tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-target')))).sort()).toEqual(otherUsers);
    expect(await page.locator('#bulk-approval-note').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Run', exact: true }).isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Discard plan…' }).click();
    await page.getByRole('button', { name: 'Yes, discard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bulk runs' }).waitFor(WAIT);
    expect((await h.api('GET', `/api/bulk-runs/${formRunId}`)).status).toBe(404);
    expect(h.emulator.stats().executionLog.filter((e) => e.operation === 'users.enroll')).toHaveLength(enrollsBefore + n);

    // Pause and Cancel: a run planned without approval is started with its calls held, paused (no new call
    // starts), then cancelled after an inline question. The calls never made are cancelled; the ones under way
    // end as Duo answered them once released.
    const six = Object.values(h.emulator.state.accounts[other.duo_account_id]!.users).map((u) => u.username).sort().slice(0, 6);
    const cancelGate = holdEnrolls(h);
    const planned3 = await h.api('POST', '/api/bulk-runs', { action_id: 'users.enroll', organizations: { ids: [other.id] }, users: { usernames: six }, requires_approval: false });
    expect(planned3.status, JSON.stringify(planned3.body)).toBe(201);
    await h.open(`/bulk/${planned3.body.id}`);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('group', { name: `Make 6 users.enroll calls in ${other.name}?` }).getByRole('button', { name: 'Yes, make 6 calls' }).click();
    await expect.poll(() => cancelGate.calls(), WAIT).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('.bulk-headline [data-status="paused"]').waitFor(WAIT);
    await page.getByRole('button', { name: 'Resume' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Cancel run…' }).click();
    await page.getByRole('button', { name: 'Yes, cancel the run' }).click();
    await page.locator('.bulk-headline [data-status="cancelled"]').waitFor(WAIT);
    cancelGate.release();
    // The held calls end after the cancel; their items settle (none stays "calling" in a cancelled run).
    await expect.poll(async () => (await h.api('GET', `/api/bulk-runs/${planned3.body.id}`)).body.counts.calling, { timeout: 10_000 }).toBe(0);
    const cancelled = (await h.api('GET', `/api/bulk-runs/${planned3.body.id}`)).body;
    const made = cancelGate.calls();
    expect(cancelled.status).toBe('cancelled');
    expect([cancelled.counts.cancelled, cancelled.counts.done + cancelled.counts.review + cancelled.counts.failed], JSON.stringify(cancelled.counts)).toEqual([6 - made, made]);
    // The page keeps following the run until the calls under way have ended.
    await page.getByText('6 of 6 calls finished (100%)').waitFor(WAIT);
    await page.getByLabel('Show', { exact: true }).selectOption('cancelled');
    if (cancelled.counts.cancelled > 0) {
      // Polled: until the filtered page arrives, the unfiltered one (which holds the cancelled rows too) is shown.
      await expect.poll(() => page.locator('table.bulk-item-table tbody tr').count(), WAIT).toBe(cancelled.counts.cancelled);
      expect(await page.locator('table.bulk-item-table tbody tr[data-status="cancelled"]').count()).toBe(cancelled.counts.cancelled);
      const cancelledItem = (await h.api('GET', `/api/bulk-runs/${planned3.body.id}/items?status=cancelled&limit=1`)).body.items[0];
      expect(await page.locator('table.bulk-item-table tbody tr td.bulk-outcome').first().innerText()).toBe(cancelledItem.outcome.message);
    } else await page.getByText('No cancelled items.').waitFor(WAIT);
    await h.shot('bulk-cancelled');
  } finally {
    gate.release();
    h.emulator.resetHandlers();
    await page.evaluate(`sessionStorage.setItem('duohub.token', ${JSON.stringify(h.token)})`);
  }
}
