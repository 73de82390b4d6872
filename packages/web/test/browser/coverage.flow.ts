import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { fail, serializeUser, usersInOrder, wrapRoute, type Account, type Emulator } from '@duohub/emulator';
import { classifyUser, percent, type CoverageUser } from '../../../hub/src/reports/mfa-coverage/index.js';
import type { UiHarness } from './ui-harness.js';
import { walkthroughShot } from './walkthrough-shot.js';

const WAIT = { timeout: 20_000 };

/** What the hub must report for one child account, computed from the emulator's state with the hub's own classifier. */
interface Truth {
  users: number;
  mfa: number;
  mfaPercent: number;
  /** Usernames without MFA, in the report's order (code-unit order). */
  withoutMfa: string[];
}

function truthOf(account: Account, nowMs: number): Truth {
  let mfa = 0;
  const without: string[] = [];
  const users = usersInOrder(account);
  for (const user of users) {
    const coverage = classifyUser(serializeUser(account, user) as unknown as CoverageUser, nowMs);
    if (coverage.mfa) mfa += 1;
    else without.push(user.username);
  }
  without.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { users: users.length, mfa, mfaPercent: percent(mfa, users.length), withoutMfa: without };
}

const pct = (n: number) => `${(Math.round(n * 100) / 100).toFixed(2).replace(/\.?0+$/, '')}%`;

/**
 * Holds `GET /admin/v1/users` of child accounts until the test lets them through, and makes chosen
 * accounts fail, so a run is caught mid-way or partly failed by construction rather than by timing.
 */
function usersGate(emulator: Emulator) {
  const opened = new Set<string>();
  const failing = new Set<string>();
  const waiting = new Map<string, Array<() => void>>();
  let all = false;
  emulator.use(
    wrapRoute('GET', '/admin/v1/users', async (ctx, next) => {
      const id = ctx.account.account_id;
      if (ctx.account.parent_id !== null && !all && !opened.has(id)) {
        await new Promise<void>((resolve) => waiting.set(id, [...(waiting.get(id) ?? []), resolve]));
      }
      if (failing.has(id)) return fail(403, 40301, 'Access forbidden', 'scripted by the coverage UI test');
      return next();
    }),
  );
  const release = (id: string) => {
    for (const resume of waiting.get(id) ?? []) resume();
    waiting.delete(id);
  };
  return {
    failing,
    open(ids: readonly string[]) {
      for (const id of ids) {
        opened.add(id);
        release(id);
      }
    },
    openAll() {
      all = true;
      for (const id of [...waiting.keys()]) release(id);
    },
  };
}

/** Parses the hub's CSV (RFC 4180 quoting, CRLF lines) into rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/**
 * Coverage: the empty state, a run caught mid-way and cancelled, a partly failed run, a full run whose
 * chart, table and totals equal the ground truth, the trend and a diff, the drill-down's users without
 * MFA (paged), both CSV exports, and the page on a narrow window.
 */
export async function coverageFlow(h: UiHarness): Promise<void> {
  const { page } = h;
  const integration = await h.ensureIntegration();
  const orgs = await h.ensureMappedOrganizations(3);
  expect(orgs).toHaveLength(3);
  const account = (id: string) => h.emulator.state.accounts[id]!;
  const [first, second, third] = orgs as [(typeof orgs)[0], (typeof orgs)[0], (typeof orgs)[0]];
  const hadSnapshot = (await h.api('GET', `/api/reports/mfa-coverage?integration_id=${integration.id}`)).status === 200;
  const status = page.locator('.run-panel [role="status"]');
  const gate = usersGate(h.emulator);
  let loserDevices: { user: { token_ids: string[] }; token_ids: string[] } | undefined;
  try {
    await h.open(`/coverage?integration=${integration.id}`);
    await page.getByRole('heading', { level: 1, name: 'MFA coverage' }).waitFor(WAIT);
    const start = page.getByRole('button', { name: 'Start a run' });
    await start.waitFor(WAIT);
    if (!hadSnapshot) {
      await page.getByText('Start a run to see coverage').waitFor(WAIT);
      await h.shot('coverage-empty');
    }
    expect(await start.isEnabled()).toBe(true);

    // A run caught mid-way: one account through, two held. Progress counts the finished account's users.
    gate.open([first.duo_account_id]);
    await start.click();
    const firstUsers = usersInOrder(account(first.duo_account_id)).length;
    await status.filter({ hasText: `1 of 3 accounts done, ${firstUsers} users seen` }).waitFor(WAIT);
    await page.getByRole('progressbar', { name: 'Accounts done' }).waitFor(WAIT);
    expect(await page.getByRole('progressbar', { name: 'Accounts done' }).getAttribute('value')).toBe('1');
    // The live table lists what is under way (and what failed), not every account: the two held ones.
    await page.locator('.run-tasks tbody tr[data-status="running"]').nth(1).waitFor(WAIT);
    expect(await page.locator('.run-tasks tbody tr').count()).toBe(2);
    expect(await page.locator('.run-tasks caption').innerText()).toBe('Accounts under way or failed');
    expect(await start.isDisabled()).toBe(true);
    await h.shot('coverage-progress');
    const cancelled = (await h.api('GET', `/api/reports/mfa-coverage/runs?limit=1&integration_id=${integration.id}`)).body.items[0];
    expect(cancelled.status).toBe('running');
    await page.getByRole('button', { name: 'Cancel run' }).click();
    await status.filter({ hasText: 'Run cancelled. No snapshot was taken.' }).waitFor(WAIT);
    expect((await h.api('GET', `/api/reports/mfa-coverage/runs/${cancelled.id}`)).body.status).toBe('cancelled');
    expect((await h.api('GET', `/api/reports/mfa-coverage?run=${cancelled.id}`)).status).toBe(404);

    // A partial run: the third account answers 403; the run ends with a snapshot that says so.
    gate.failing.add(third.duo_account_id);
    gate.openAll();
    await start.click();
    await status.filter({ hasText: 'Partial result: 1 account could not be scanned' }).waitFor(WAIT);
    await page.locator('.run-tasks tbody tr[data-status="failed"]').filter({ hasText: third.name.replace(/ LLC$/, '') }).waitFor(WAIT);
    // Over, the run leaves only its failure to show.
    expect(await page.locator('.run-tasks tbody tr').count()).toBe(1);
    expect(await page.locator('.run-tasks caption').innerText()).toBe('Accounts that could not be scanned');
    const failedRow = page.locator(`table.coverage-orgs tr[data-org="${third.id}"]`);
    await failedRow.filter({ hasText: 'Scan failed' }).waitFor(WAIT);
    await page.locator(`svg.bar-chart g[data-org="${third.id}"]`).filter({ hasText: 'scan failed' }).waitFor(WAIT);
    await h.shot('coverage-partial');
    const partial = (await h.api('GET', `/api/reports/mfa-coverage/runs?limit=1&integration_id=${integration.id}`)).body.items[0];
    expect([partial.status, partial.progress.accounts_failed]).toEqual(['done', 1]);

    // A full run: the dashboard reloads with it; every organization's bar and row equal the ground truth.
    // Before it, one user of the first organization loses their only device, so the diff has a loss to show.
    const loser = usersInOrder(account(first.duo_account_id)).find((u) => u.token_ids.length > 0 && u.phone_ids.length === 0 && u.webauthn.length === 0)!;
    expect(loser).toBeDefined();
    loserDevices = { user: loser, token_ids: loser.token_ids };
    loser.token_ids = [];
    gate.failing.clear();
    // The dashboard reloads the figures alone: each organization's users without MFA load on its own page.
    const reloaded = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/reports/mfa-coverage', WAIT);
    await start.click();
    await status.filter({ hasText: 'Last run finished' }).waitFor(WAIT);
    const reload = await reloaded;
    expect(new URL(reload.url()).searchParams.get('include_users')).toBe('false');
    expect(((await reload.json()) as { organizations: object[] }).organizations.every((o) => !('users_without_mfa' in o))).toBe(true);
    const full = (await h.api('GET', `/api/reports/mfa-coverage/runs?limit=1&integration_id=${integration.id}`)).body.items[0];
    expect([full.status, full.progress.accounts_done, full.progress.accounts_failed]).toEqual(['done', 3, 0]);
    const asOf = Date.parse(full.as_of);
    const truths = new Map(orgs.map((o) => [o.id, truthOf(account(o.duo_account_id), asOf)]));
    await page.locator(`table.coverage-orgs tr[data-org="${third.id}"] td[data-col="percent"]`).waitFor(WAIT);
    for (const o of orgs) {
      const t = truths.get(o.id)!;
      const row = page.locator(`table.coverage-orgs tr[data-org="${o.id}"]`);
      expect(await row.locator('th').innerText()).toContain(o.name);
      const cells = await row.locator('td').allInnerTexts();
      expect(cells.slice(0, 4)).toEqual([String(t.users), String(t.mfa), String(t.users - t.mfa), pct(t.mfaPercent)]);
      const bar = page.locator(`svg.bar-chart g[data-org="${o.id}"]`);
      expect(await bar.locator('text.bar-value').textContent()).toBe(pct(t.mfaPercent));
      const fill = Number(await bar.locator('rect.bar-fill').getAttribute('width'));
      const track = Number(await bar.locator('rect.bar-track').getAttribute('width'));
      expect(fill / track).toBeCloseTo(t.mfaPercent / 100, 3);
    }
    // Bars are sorted lowest first, the table in the same order.
    const sorted = [...orgs].sort((a, b) => truths.get(a.id)!.mfaPercent - truths.get(b.id)!.mfaPercent || (a.name < b.name ? -1 : 1)).map((o) => o.id);
    expect(await page.locator('svg.bar-chart g.bar').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-org')))).toEqual(sorted);
    expect(await page.locator('table.coverage-orgs tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-org')))).toEqual(sorted);
    expect(await page.locator('svg.bar-chart title').first().textContent()).toBe('MFA-enabled % per organization');
    // Fleet totals: these three organizations are the integration's whole fleet in the demo seed.
    const fleetUsers = [...truths.values()].reduce((n, t) => n + t.users, 0);
    const fleetMfa = [...truths.values()].reduce((n, t) => n + t.mfa, 0);
    expect(await page.locator('.cards li[data-figure="users"] .card-value').first().innerText()).toBe(String(fleetUsers));
    expect(await page.locator('.cards li[data-figure="mfa"] .card-value').first().innerText()).toBe(pct(percent(fleetMfa, fleetUsers)));
    const report = (await h.api('GET', `/api/reports/mfa-coverage?run=${full.id}`)).body;
    for (const [id, value] of [
      ['push_capable', report.totals.counts.factor_class.push_capable],
      ['sms_voice_only', report.totals.counts.factor_class.sms_voice_only],
      ['risky_bypass', report.totals.counts.risky_bypass],
      ['stale', report.totals.counts.stale],
    ] as const) {
      expect(await page.locator(`.totals-table tr[data-figure="${id}"] td`).first().innerText()).toBe(String(value));
    }
    // The trend has a point per snapshot, with the fleet % of the latest last.
    const trendTitle = page.locator('svg.trend-chart title').first();
    await trendTitle.waitFor({ state: 'attached', ...WAIT });
    const trend = (await h.api('GET', `/api/reports/mfa-coverage/trend?integration_id=${integration.id}`)).body;
    expect(await page.locator('svg.trend-chart circle.trend-dot').count()).toBe(trend.points.length);
    expect(await page.locator('svg.trend-chart desc').textContent()).toContain(`(${pct(percent(fleetMfa, fleetUsers))}):`);
    await h.shot('coverage-dashboard');

    // The diff of the partial and the full snapshot: the third account was not comparable, so its users without MFA are new.
    await page.getByLabel('From', { exact: true }).selectOption(partial.id);
    await page.getByLabel('To', { exact: true }).selectOption(full.id);
    await page.getByRole('button', { name: 'Compare' }).click();
    const newWithout = page.locator('.diff-result li[data-figure="new_without_mfa"] .card-value');
    await newWithout.waitFor(WAIT);
    expect(await newWithout.innerText()).toBe(String(truths.get(third.id)!.withoutMfa.length));
    expect(await page.locator('.diff-result li[data-figure="lost_mfa"] .card-value').innerText()).toBe('1');
    const lostTable = page.getByRole('table', { name: `${first.name}: lost mfa` });
    expect(await lostTable.locator('tbody td:first-child').allInnerTexts()).toEqual([loser.username]);
    expect(truths.get(first.id)!.withoutMfa).toContain(loser.username);
    await h.shot('coverage-diff');

    // The snapshot picker shows the partial snapshot again, with its failed organization.
    await page.getByLabel('Snapshot', { exact: true }).selectOption(partial.id);
    await page.locator(`table.coverage-orgs tr[data-org="${third.id}"]`).filter({ hasText: 'Scan failed' }).waitFor(WAIT);
    expect(page.url()).toContain(`snapshot=${partial.id}`);
    await page.getByLabel('Snapshot', { exact: true }).selectOption(full.id);
    await page.locator(`table.coverage-orgs tr[data-org="${third.id}"] td[data-col="percent"]`).waitFor(WAIT);

    // Exports: the organizations CSV and the users-without-MFA CSV of the snapshot shown.
    const [orgCsv] = await Promise.all([page.waitForEvent('download', WAIT), page.getByRole('button', { name: 'Export organizations (CSV)' }).click()]);
    expect(orgCsv.suggestedFilename()).toBe(`duohub-mfa-coverage-${full.as_of.slice(0, 10)}.csv`);
    const orgRows = parseCsv(await readFile((await orgCsv.path())!, 'utf8'));
    const header = orgRows[0]!;
    const col = (name: string) => header.indexOf(name);
    expect(orgRows.slice(1)).toHaveLength(3);
    for (const o of orgs) {
      const line = orgRows.find((r) => r[col('organization_id')] === o.id)!;
      const t = truths.get(o.id)!;
      expect([line[col('organization')], line[col('users')], line[col('mfa')], line[col('mfa_percent')]]).toEqual([o.name, String(t.users), String(t.mfa), String(t.mfaPercent)]);
    }
    const [userCsv] = await Promise.all([page.waitForEvent('download', WAIT), page.getByRole('button', { name: 'Export users without MFA (CSV)' }).click()]);
    const userRows = parseCsv(await readFile((await userCsv.path())!, 'utf8'));
    const uh = userRows[0]!;
    for (const o of orgs) {
      const listed = userRows.slice(1).filter((r) => r[uh.indexOf('organization_id')] === o.id).map((r) => r[uh.indexOf('username')]);
      expect(listed).toEqual(truths.get(o.id)!.withoutMfa);
    }

    // Drill-down: the first organization's users without MFA, ten to a page, equal the ground truth.
    // It reads that organization alone, users and all.
    const drillRead = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/reports/mfa-coverage', WAIT);
    await page.locator(`table.coverage-orgs tr[data-org="${first.id}"] th a`).click();
    await page.getByRole('heading', { level: 1, name: `${first.name}: users without MFA` }).waitFor(WAIT);
    const drilled = await drillRead;
    expect(new URL(drilled.url()).searchParams.get('organization')).toBe(first.id);
    expect(((await drilled.json()) as { organizations: Array<{ organization_id: string }> }).organizations.map((o) => o.organization_id)).toEqual([first.id]);
    expect(new URL(page.url()).pathname).toBe(`/coverage/${first.id}`);
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('coverage-drill-title');
    const truth = truths.get(first.id)!;
    expect(truth.withoutMfa.length).toBeGreaterThan(0);
    await page.getByLabel('Rows per page').selectOption('10');
    const seen: string[] = [];
    for (let n = 0; n < 20; n++) {
      await page.locator('table.coverage-users tbody tr').first().waitFor(WAIT);
      const upto = Math.min(truth.withoutMfa.length, (n + 1) * 10);
      await page.getByText(`${n * 10 + 1}–${upto} of ${truth.withoutMfa.length}`).waitFor(WAIT);
      seen.push(...(await page.locator('table.coverage-users tbody tr td:first-child').allInnerTexts()));
      if (n === 0) await h.shot('coverage-drill-down');
      const next = page.getByRole('button', { name: 'Next' });
      if (await next.isDisabled()) break;
      await next.click();
    }
    expect(seen).toEqual(truth.withoutMfa);
    // Each row's status and last login match the emulator's user.
    const firstUser = Object.values(account(first.duo_account_id).users).find((u) => u.username === truth.withoutMfa[truth.withoutMfa.length - 1])!;
    const lastRow = page.locator(`table.coverage-users tr[data-user="${firstUser.user_id}"] td`);
    const cells = await lastRow.allInnerTexts();
    expect(cells[0]).toBe(firstUser.username);
    expect(cells[2]).toBe(firstUser.status);
    expect(cells[3]).toEqual(firstUser.last_login === null ? 'Never' : expect.stringContaining(new Date(firstUser.last_login * 1000).toISOString().slice(0, 10)));
    // The filter narrows the list to what matches.
    await page.getByLabel('Filter by username or email').fill(truth.withoutMfa[0]!);
    await page.locator(`table.coverage-users tbody tr`).filter({ hasText: truth.withoutMfa[0]! }).first().waitFor(WAIT);
    for (const name of await page.locator('table.coverage-users tbody tr td:first-child').allInnerTexts()) expect(name).toContain(truth.withoutMfa[0]!);
    await page.getByLabel('Filter by username or email').fill('no-such-user-anywhere');
    await page.getByText('No user without MFA matches').waitFor(WAIT);

    // Row actions: enroll one user without MFA, in this organization's Duo account, from their row. The
    // action's form opens prefilled (username, email, the organization as target) and runs on a click.
    const filterBox = page.getByLabel('Filter by username or email');
    const enrollee = truth.withoutMfa.map((name) => Object.values(account(first.duo_account_id).users).find((u) => u.username === name)!).find((u) => u.email)!;
    expect(enrollee, 'a user without MFA who has an email').toBeDefined();
    await filterBox.fill('');
    await page.locator('table.coverage-users tbody tr').nth(4).waitFor(WAIT);
    await walkthroughShot(page.locator('table.coverage-users'), '6-coverage-row-actions');
    await filterBox.fill(enrollee.username);
    const enrolleeRow = page.locator(`table.coverage-users tr[data-user="${enrollee.user_id}"]`);
    await enrolleeRow.waitFor(WAIT);
    await h.shot('coverage-drill-row-actions');
    await enrolleeRow.getByRole('link', { name: `Enroll ${enrollee.username}` }).click();
    await page.getByRole('heading', { name: 'Enroll user by email', level: 2, exact: true }).waitFor(WAIT);
    const enrollUrl = new URL(page.url());
    expect([enrollUrl.searchParams.get('on'), enrollUrl.searchParams.get('f.username'), enrollUrl.searchParams.get('f.email')]).toEqual([`o:${first.id}`, enrollee.username, enrollee.email]);
    expect(await page.getByRole('textbox', { name: 'Username', exact: true }).inputValue()).toBe(enrollee.username);
    expect(await page.getByRole('textbox', { name: 'Email', exact: true }).inputValue()).toBe(enrollee.email);
    expect(await page.getByLabel('Run on').locator('option:checked').textContent()).toMatch(new RegExp(`^${first.name} \\(`));
    expect(await page.locator('#run-on-summary').textContent()).toContain(first.name);
    const enrollsBefore = h.emulator.stats().executionLog.filter((e) => e.operation === 'users.enroll').length;
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByText(`Ran on ${first.name}: Duo account`).waitFor(WAIT);
    const enrolls = h.emulator.stats().executionLog.filter((e) => e.operation === 'users.enroll');
    expect(enrolls).toHaveLength(enrollsBefore + 1);
    expect(enrolls.at(-1)).toMatchObject({ account_id: first.duo_account_id, detail: { username: enrollee.username, email: enrollee.email } });
    await h.shot('coverage-enrolled-from-drill-down');

    // Back in the drill-down (the filter kept): the export holds the organization and the filter on screen only.
    await page.goBack();
    await enrolleeRow.waitFor(WAIT);
    expect(await filterBox.inputValue()).toBe(enrollee.username);
    const shownNames = await page.locator('table.coverage-users tbody tr td:first-child').allInnerTexts();
    const [filteredCsv] = await Promise.all([page.waitForEvent('download', WAIT), page.getByRole('button', { name: /^Export the \d+ matching users? \(CSV\)$/ }).click()]);
    expect(filteredCsv.suggestedFilename()).toMatch(/^duohub-users-without-mfa-.+-filtered-\d{4}-\d{2}-\d{2}\.csv$/);
    const filteredRows = parseCsv(await readFile((await filteredCsv.path())!, 'utf8'));
    const fh = filteredRows[0]!;
    expect(filteredRows.slice(1).map((r) => r[fh.indexOf('username')])).toEqual(shownNames);
    expect(new Set(filteredRows.slice(1).map((r) => r[fh.indexOf('organization_id')]))).toEqual(new Set([first.id]));
    await filterBox.fill('');
    await page.locator('table.coverage-users tbody tr').nth(1).waitFor(WAIT);
    const [orgOnlyCsv] = await Promise.all([page.waitForEvent('download', WAIT), page.getByRole('button', { name: `Export ${first.name}'s users without MFA (CSV)` }).click()]);
    const orgOnlyRows = parseCsv(await readFile((await orgOnlyCsv.path())!, 'utf8'));
    const oh = orgOnlyRows[0]!;
    expect(orgOnlyRows.slice(1).map((r) => r[oh.indexOf('username')])).toEqual(truth.withoutMfa);
    expect(new Set(orgOnlyRows.slice(1).map((r) => r[oh.indexOf('organization_id')]))).toEqual(new Set([first.id]));
    await page.getByRole('status').filter({ hasText: `(${truth.withoutMfa.length} users)` }).waitFor(WAIT);

    // Send activation looks the user's phones up first: one phone opens its form, none says so.
    const other = truth.withoutMfa.find((n) => n !== enrollee.username)!;
    await filterBox.fill(other);
    await page.getByRole('button', { name: `Send activation to ${other}` }).click();
    await expect
      .poll(async () => new URL(page.url()).pathname === '/actions/phones.send_sms_activation' || (await page.getByText(`${other} has no mobile phone in Duo`).count()) > 0, { timeout: 15_000 })
      .toBe(true);
    if (new URL(page.url()).pathname !== '/coverage/' + first.id) {
      expect(new URL(page.url()).searchParams.get('on')).toBe(`o:${first.id}`);
      await page.goBack();
    }
    await filterBox.fill('');

    // Back to the dashboard by keyboard, then the page on a narrow window: labels above the bars, nothing wider than the screen.
    await page.getByRole('link', { name: '← All organizations' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'MFA coverage' }).waitFor(WAIT);
    await page.setViewportSize({ width: 390, height: 900 });
    try {
      await page.locator('svg.bar-chart text.bar-label[text-anchor="start"]').first().waitFor(WAIT);
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
      expect(overflow).toBeLessThanOrEqual(0);
      await h.shot('coverage-narrow');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }

    // Who may start a run: a read-only token sees the dashboard with the button disabled and the reason
    // beside it; a token limited to one organization sees that organization only.
    const signInAs = async (token: string) => {
      await page.evaluate(`sessionStorage.setItem('duohub.token', ${JSON.stringify(token)})`);
      await h.open('/coverage');
    };
    const reader = await h.api('POST', '/api/tokens', { name: `coverage-reader-${Date.now()}`, scopes: ['read'] });
    expect(reader.status).toBe(201);
    const limited = await h.api('POST', '/api/tokens', { name: `coverage-limited-${Date.now()}`, scopes: ['operate'], organization_ids: [second.id] });
    expect(limited.status).toBe(201);
    try {
      await signInAs(reader.body.token);
      await page.locator('table.coverage-orgs tbody tr').nth(2).waitFor(WAIT);
      const startAsReader = page.getByRole('button', { name: 'Start a run' });
      expect(await startAsReader.isDisabled()).toBe(true);
      expect(await page.locator('#coverage-run-blocked').innerText()).toBe('Starting a run needs a token with the operate scope.');
      expect(await startAsReader.getAttribute('aria-describedby')).toBe('coverage-run-blocked');
      await h.shot('coverage-read-only');

      await signInAs(limited.body.token);
      await page.locator(`table.coverage-orgs tr[data-org="${second.id}"] td[data-col="percent"]`).waitFor(WAIT);
      expect(await page.locator('table.coverage-orgs tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-org')))).toEqual([second.id]);
      expect(await page.locator('.cards li[data-figure="users"] .card-value').first().innerText()).toBe(String(truths.get(second.id)!.users));
      expect(await page.locator('#coverage-run-blocked').innerText()).toContain('limited to organizations');
      await h.shot('coverage-limited');
    } finally {
      await page.evaluate(`sessionStorage.setItem('duohub.token', ${JSON.stringify(h.token)})`);
    }
  } finally {
    gate.openAll();
    h.emulator.resetHandlers();
    // Later flows share the emulator: give the user their token back.
    if (loserDevices) loserDevices.user.token_ids = loserDevices.token_ids;
  }
}
