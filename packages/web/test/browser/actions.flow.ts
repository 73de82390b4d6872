import { expect } from 'vitest';
import { DuoAuthClient } from '@duohub/sdk';
import { isEnrolled } from '@duohub/emulator';
import type { UiHarness } from './ui-harness.js';
import { walkthroughShot } from './walkthrough-shot.js';

/**
 * The Actions page against a mapped child account: catalog and routing, users.list as a table that
 * matches the emulator, bypass codes shown once (and accepted by Duo), client and server field
 * messages, a dry run that changes nothing, and the confirmation in front of a real destructive run.
 */
export async function actionsFlow(h: UiHarness): Promise<void> {
  const { page, emulator } = h;
  const [org] = await h.ensureMappedOrganizations(2);
  const account = emulator.state.accounts[org!.duo_account_id]!;
  const users = () => Object.values(emulator.state.accounts[org!.duo_account_id]!.users);
  const active = users().filter((u) => u.status === 'active');
  const codeUser = active[0]!;
  const deleteUser = active[1]!;
  const withoutMfa = () => users().filter((u) => !isEnrolled(emulator.state.accounts[org!.duo_account_id]!, u)).length;

  // An unknown id says so and links back to the catalog.
  await h.open('/actions/nothing.here');
  await page.getByRole('alert').filter({ hasText: 'No such action' }).waitFor();
  await page.getByRole('link', { name: 'Back to the catalog' }).click();

  // The catalog, grouped by API and resource, with an empty state that says what to do.
  await page.waitForURL(/\/actions$/);
  await page.getByRole('heading', { name: 'Actions', level: 1 }).waitFor();
  const catalog = page.getByRole('navigation', { name: 'Action catalog' });
  await catalog.getByRole('link', { name: 'List users', exact: true }).waitFor();
  const catalogBody = await h.api('GET', '/api/actions');
  expect(await catalog.getByRole('link').count()).toBe(catalogBody.body.items.length);
  expect(await catalog.getByRole('heading', { level: 2, exact: true }).allTextContents()).toEqual(['Admin API', 'Accounts API', 'Auth API']);
  await page.getByRole('heading', { name: 'Choose an action' }).waitFor();
  await h.shot('actions-catalog');

  // The filter narrows the catalog; an impossible filter says how to recover.
  const filter = page.getByLabel('Filter actions');
  await filter.fill('bypass');
  // Every action that mentions "bypass" (the bypass-code actions, and group actions about a group's bypass status).
  const mentionsBypass = catalogBody.body.items.filter((a: { id: string; title: string; description: string }) =>
    `${a.id} ${a.title} ${a.description}`.toLowerCase().includes('bypass'),
  );
  expect(mentionsBypass.filter((a: { id: string }) => a.id.startsWith('bypass_codes.')).length).toBe(7);
  await expect.poll(() => catalog.getByRole('link').count()).toBe(mentionsBypass.length);
  await filter.fill('zzz-nothing');
  await page.getByText(/No action matches/).waitFor();
  await h.shot('actions-filter-empty');
  await page.getByRole('button', { name: 'Clear the filter' }).click();
  await filter.fill('users.list');
  await expect.poll(() => catalog.getByRole('link').allTextContents()).toEqual(['List users']);

  // Selecting an action (here by keyboard: Tab from the filter, Enter) routes to /actions/<id>, moves
  // focus to its heading, and Back returns to the catalog.
  await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('List users');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/actions\/users\.list(\?|$)/);
  await page.getByRole('heading', { name: 'List users', level: 2, exact: true }).waitFor();
  expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('action-h');
  expect(await catalog.getByRole('link', { name: 'List users', exact: true }).getAttribute('aria-current')).toBe('page');
  await page.goBack();
  await page.getByRole('heading', { name: 'Choose an action' }).waitFor();
  await page.goForward();
  await page.getByRole('heading', { name: 'List users', level: 2, exact: true }).waitFor();

  // No silent default: with nothing chosen in this browser, the page asks where to run and Run says so.
  const target = page.getByLabel('Run on');
  await page.evaluate('localStorage.clear()');
  await page.reload();
  await page.getByRole('heading', { name: 'List users', level: 2, exact: true }).waitFor();
  expect(await target.locator('option:checked').textContent()).toBe('Choose where to run…');
  expect(await page.locator('#run-on-summary').textContent()).toBe('Choose where to run first.');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.locator('#run-target-error').filter({ hasText: 'Choose where to run the action.' }).waitFor();
  expect(await target.getAttribute('aria-invalid')).toBe('true');
  expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('run-target');
  await h.shot('actions-choose-target');

  // users.list on the organization's child account: the table holds exactly the emulator's users.
  const options = await target.locator('option').allTextContents();
  const orgOption = options.find((o) => o.startsWith(`${org!.name} (`));
  expect(orgOption, `an option for ${org!.name} in ${options.join(' | ')}`).toBeDefined();
  await target.selectOption({ label: orgOption! });
  // The choice is in the URL, so it survives Back and a copied link.
  await page.waitForURL(new RegExp(`[?&]on=o%3A${org!.id}`));
  expect(await page.locator('#run-target-error').count()).toBe(0);
  // The choice is remembered in this browser: the same page without `?on=` comes back with it chosen.
  expect(await page.evaluate('localStorage.getItem("duohub.actions.runOn")')).toBe(`o:${org!.id}`);
  await h.open('/actions/users.list');
  await page.getByRole('heading', { name: 'List users', level: 2, exact: true }).waitFor();
  expect(await target.locator('option:checked').textContent()).toBe(orgOption);
  // The target account is named beside the Run button.
  expect(await page.locator('#run-on-summary').textContent()).toContain(org!.name);
  expect(await page.getByLabel('Limit', { exact: true }).inputValue()).toBe('100');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const table = page.locator('table.act-result-table');
  await table.waitFor();
  // A one-line summary: how many users, how many without MFA (Duo's is_enrolled).
  await page.getByText(`${users().length} users, ${withoutMfa()} without MFA.`).waitFor();
  await page.getByLabel('Rows per page').selectOption('100');
  // The chosen columns first, dates as dates, statuses as badges; the rest one click away.
  let headers = await table.locator('thead th').allTextContents();
  expect(headers).toEqual(['Actions', 'username', 'realname', 'email', 'status', 'is_enrolled', 'last_login']);
  const loggedIn = users().find((u) => u.last_login !== null)!;
  const loginCell = table.locator('tbody tr').filter({ hasText: loggedIn.username }).first().locator('td').nth(6).locator('time');
  expect(await loginCell.getAttribute('datetime')).toBe(new Date(loggedIn.last_login! * 1000).toISOString());
  expect(await loginCell.textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  expect(await table.locator('tbody tr td:nth-child(5) .badge').first().textContent()).toMatch(/^(active|bypass|disabled|locked out|pending deletion)$/);
  await h.shot('actions-users-list-summary');
  await page.getByLabel('Rows per page').selectOption('10');
  await walkthroughShot(page.locator('.act-result'), '3-users-list');
  await page.getByLabel('Rows per page').selectOption('100');
  await page.getByRole('button', { name: /^All columns/ }).click();
  headers = await table.locator('thead th').allTextContents();
  const col = headers.indexOf('username');
  expect(col).toBeGreaterThanOrEqual(0);
  const shown = await table.locator(`tbody tr td:nth-child(${col + 1})`).allTextContents();
  expect(shown.sort()).toEqual(users().map((u) => u.username).sort());
  // The user ids are the child account's, not the parent's: the run really went to the child account.
  const idCol = headers.indexOf('user_id');
  const shownIds = await table.locator(`tbody tr td:nth-child(${idCol + 1})`).allTextContents();
  expect(shownIds.sort()).toEqual(users().map((u) => u.user_id).sort());
  const parentIds = Object.keys(emulator.state.accounts[emulator.state.parent_account_id]!.users);
  expect(shownIds.some((id) => parentIds.includes(id))).toBe(false);
  await h.shot('actions-users-list-table');
  await page.getByRole('button', { name: 'JSON' }).click();
  const json = JSON.parse((await page.getByLabel('Result JSON').textContent()) ?? 'null');
  expect(json.items.map((u: { user_id: string }) => u.user_id).sort()).toEqual(users().map((u) => u.user_id).sort());
  await h.shot('actions-users-list-json');

  // A smaller limit pages through Duo: the next page continues at next_offset and together they hold
  // everyone. The Table/JSON choice holds across runs.
  const resultJson = async () => JSON.parse((await page.getByLabel('Result JSON').textContent()) ?? 'null');
  await page.getByRole('button', { name: 'Table' }).click();
  await page.getByLabel('Limit', { exact: true }).fill('30');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByText(new RegExp(`^30 users, \\d+ without MFA \\(this page; Duo has ${users().length}\\)\\.`)).waitFor();
  await page.getByRole('button', { name: 'JSON' }).click();
  const firstPage = await resultJson();
  expect(firstPage.next_offset).toBe(30);
  await page.getByRole('button', { name: 'Load the next page (offset 30)' }).click();
  await expect.poll(async () => (await resultJson())?.items?.[0]?.user_id).not.toBe(firstPage.items[0].user_id);
  const secondPage = await resultJson();
  expect(await page.getByLabel('Offset', { exact: true }).inputValue()).toBe('30');
  expect(await page.getByRole('button', { name: /Load the next page/ }).count()).toBe(0);
  const paged = [...firstPage.items, ...secondPage.items].map((u: { user_id: string }) => u.user_id);
  expect(paged.sort()).toEqual(users().map((u) => u.user_id).sort());
  await page.getByRole('button', { name: 'Table' }).click();
  await page.getByText(new RegExp(`^${users().length - 30} users, \\d+ without MFA \\(this page; Duo has ${users().length}\\)\\.`)).waitFor();
  await h.shot('actions-users-list-next-page');

  // A form that fails the schema shows a message on each bad field and sends nothing.
  await filter.fill('');
  await catalog.getByRole('link', { name: 'Create bypass codes for user' }).click();
  await page.getByRole('heading', { name: 'Create bypass codes for user', level: 2, exact: true }).waitFor();
  // The target chosen before carries over to the next action.
  expect(await page.getByLabel('Run on').locator('option:checked').textContent()).toBe(orgOption);
  const codesBefore = Object.values(account.bypass_codes).length;
  await page.getByRole('textbox', { name: 'User ID', exact: true }).fill('not-a-user');
  await page.getByLabel('Count', { exact: true }).fill('11');
  await page.getByRole('button', { name: 'Run…' }).click();
  await page.getByText('2 fields need attention.').waitFor();
  const userIdError = await page.locator('#input-user_id-error').textContent();
  expect(userIdError).toContain('Does not have the expected format (Duo user id)');
  expect(await page.locator('#input-count-error').textContent()).toBe('Must be at most 10.');
  expect(await page.getByRole('textbox', { name: 'User ID', exact: true }).getAttribute('aria-invalid')).toBe('true');
  expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('input-user_id');
  expect(await page.locator('dialog.act-confirm').evaluate((d) => (d as { open: boolean }).open)).toBe(false);
  expect(Object.values(account.bypass_codes).length).toBe(codesBefore);
  await h.shot('actions-invalid-form');

  // Create bypass codes: a confirmation naming the user and the organization, then the codes once.
  await page.getByRole('textbox', { name: 'User ID', exact: true }).fill(codeUser.user_id);
  await page.getByLabel('Count', { exact: true }).fill('3');
  await page.getByRole('button', { name: 'Run…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create bypass codes for user?' });
  await dialog.waitFor();
  const confirmText = await dialog.textContent();
  expect(confirmText).toContain(codeUser.user_id);
  expect(confirmText).toContain(org!.name);
  await h.shot('actions-bypass-confirm');
  await dialog.getByRole('button', { name: 'Yes, run bypass_codes.create_for_user' }).click();
  const box = page.getByRole('region', { name: 'New bypass codes: shown once' });
  await box.waitFor();
  const codes = (await box.getByRole('list', { name: 'Bypass codes' }).getByRole('listitem').allTextContents()).map((c) => c.trim());
  expect(codes).toHaveLength(3);
  const held = () => Object.values(emulator.state.accounts[org!.duo_account_id]!.bypass_codes).filter((c) => c.user_id === codeUser.user_id);
  expect(held().map((c) => c.code).sort()).toEqual([...codes].sort());
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await box.getByRole('button', { name: 'Copy codes' }).click();
  await box.getByText('Copied.').waitFor();
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(codes.join('\n'));
  // Never kept in browser storage.
  const stored = String(await page.evaluate('JSON.stringify([Object.entries(sessionStorage), Object.entries(localStorage)])'));
  for (const code of codes) expect(stored).not.toContain(code);
  await h.shot('actions-bypass-codes-once');

  // Duo accepts one of the codes for that user (Auth API of the child account).
  const childAuth = emulator.credentials().accounts.find((a) => a.account_id === org!.duo_account_id)!.integrations.find((i) => i.type === 'auth')!;
  const auth = new DuoAuthClient({ host: childAuth.api_hostname, ikey: childAuth.integration_key, skey: childAuth.secret_key, baseUrl: h.emulatorUrl, retry: false, pacing: false });
  const verdict = await auth.auth({ username: codeUser.username, factor: 'passcode', passcode: codes[0]! });
  expect(verdict.result).toBe('allow');

  // Navigating away and back: the codes are gone from the page.
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Coverage' }).click();
  await page.waitForURL(/\/coverage/);
  await page.goBack();
  await page.getByRole('heading', { name: 'Create bypass codes for user', level: 2, exact: true }).waitFor();
  expect(await box.count()).toBe(0);
  const body = (await page.locator('main').textContent()) ?? '';
  for (const code of codes) expect(body).not.toContain(code);
  expect(await page.getByRole('textbox', { name: 'User ID', exact: true }).inputValue()).toBe('');
  expect(await page.getByLabel('Run on').locator('option:checked').textContent()).toBe(orgOption);
  await h.shot('actions-bypass-codes-gone');

  // A rule the schema cannot state (one of user_id, username, email or user) comes back from the hub onto the field.
  await catalog.getByRole('link', { name: "Retrieve a user's bypass codes" }).click();
  await page.getByRole('heading', { name: "Retrieve a user's bypass codes", level: 2, exact: true }).waitFor();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => page.locator('#input-user_id-error').textContent()).toBe('Give exactly one of user_id, username, email or user');
  await page.getByRole('alert').filter({ hasText: 'validation_failed' }).waitFor();
  await h.shot('actions-server-field-issue');

  // Dry run of users.delete: the report names the user, and the user is still in Duo.
  await catalog.getByRole('link', { name: 'Delete user', exact: true }).click();
  await page.getByRole('heading', { name: 'Delete user', level: 2, exact: true }).waitFor();
  await page.getByRole('textbox', { name: 'User ID', exact: true }).fill(deleteUser.user_id);
  await page.getByRole('button', { name: 'Dry run' }).click();
  const report = page.getByRole('region', { name: 'Dry run: nothing was changed' });
  await report.waitFor();
  expect(await report.locator('.act-dry-run-changes').textContent()).toBe(`Would delete user ${deleteUser.username} permanently.`);
  expect(JSON.parse((await report.getByLabel('Dry-run target').textContent()) ?? '{}').user_id).toBe(deleteUser.user_id);
  expect(emulator.state.accounts[org!.duo_account_id]!.users[deleteUser.user_id]).toBeDefined();
  await h.shot('actions-users-delete-dry-run');

  // The real run waits for a confirmation; Cancel (the default focus) changes nothing.
  await page.getByRole('button', { name: 'Run…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete user?' });
  await confirm.waitFor();
  expect(await confirm.textContent()).toContain(deleteUser.user_id);
  expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Cancel');
  await h.shot('actions-users-delete-confirm');
  await page.keyboard.press('Escape');
  await confirm.waitFor({ state: 'hidden' });
  expect(emulator.state.accounts[org!.duo_account_id]!.users[deleteUser.user_id]).toBeDefined();

  // "Delete user" given a username, opened from a row of users.list: the form comes prefilled with the
  // username and the same target, and the confirmation names both the user and the organization's account.
  const integration = await h.ensureIntegration();
  const runAction = (id: string, input: unknown, organizationId?: string) =>
    h.api('POST', `/api/actions/${id}/run`, { integration_id: integration.id, ...(organizationId ? { organization_id: organizationId } : {}), input });
  // Plain names (the README's pictures show them); the emulator starts fresh for every run of the suite.
  const doomed = 'jordan.leaver';
  expect((await runAction('users.create', { username: doomed, email: `${doomed}@acme.example` }, org!.id)).status).toBe(200);
  const doomedId = () => Object.values(emulator.state.accounts[org!.duo_account_id]!.users).find((u) => u.username === doomed)?.user_id;
  expect(doomedId()).toBeDefined();
  await h.open(`/actions/users.list?on=o%3A${org!.id}`);
  await page.getByRole('heading', { name: 'List users', level: 2, exact: true }).waitFor();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await table.waitFor();
  await page.getByLabel('Rows per page').selectOption('100');
  // Each row's follow-on actions sit behind one small "Actions" disclosure.
  await page.getByLabel(`Actions for ${doomed}`).click();
  await page.getByRole('link', { name: `Delete: ${doomed}` }).click();
  await page.getByRole('heading', { name: 'Delete user', level: 2, exact: true }).waitFor();
  expect(new URL(page.url()).searchParams.get('f.username')).toBe(doomed);
  expect(await page.getByRole('textbox', { name: 'Username', exact: true }).inputValue()).toBe(doomed);
  expect(await page.getByRole('textbox', { name: 'User ID', exact: true }).inputValue()).toBe('');
  expect(await page.getByLabel('Run on').locator('option:checked').textContent()).toBe(orgOption);
  // Names first, the Duo id as the alternative: one group, username before user id.
  const group = page.getByRole('group', { name: 'User' });
  expect(await group.getByRole('textbox').evaluateAll((els) => els.map((e) => e.getAttribute('name')))).toEqual(['username', 'email', 'user', 'user_id']);
  await page.getByRole('button', { name: 'Run…' }).click();
  const byName = page.getByRole('dialog', { name: 'Delete user?' });
  await byName.waitFor();
  const byNameText = (await byName.textContent()) ?? '';
  expect(byNameText).toContain(`username ${doomed}`);
  expect(byNameText).toContain(`${org!.name}: Duo account`);
  await h.shot('actions-delete-by-username-confirm');
  await walkthroughShot(byName, '4-delete-confirm');
  await byName.getByRole('button', { name: 'Yes, run users.delete' }).click();
  await page.getByText(`Ran on ${org!.name}: Duo account`).waitFor();
  expect(doomedId()).toBeUndefined();

  // On the parent account (the integration's own), a destructive run asks twice, the second time naming the parent account.
  const parentDoomed = 'msp.temp.contractor';
  expect((await runAction('users.create', { username: parentDoomed }, undefined)).status).toBe(200);
  const parentUsers = () => Object.values(emulator.state.accounts[emulator.state.parent_account_id]!.users);
  expect(parentUsers().some((u) => u.username === parentDoomed)).toBe(true);
  await h.open('/actions/users.delete');
  await page.getByRole('heading', { name: 'Delete user', level: 2, exact: true }).waitFor();
  await page.getByLabel('Run on').selectOption({ label: `${integration.name} (integration's own account)` });
  expect(await page.locator('#run-on-summary').textContent()).toBe(`on the parent account of ${integration.name}`);
  await page.getByRole('textbox', { name: 'Username', exact: true }).fill(parentDoomed);
  const askParent = async () => {
    await page.getByRole('button', { name: 'Run…' }).click();
    const first = page.getByRole('dialog', { name: 'Delete user?' });
    await first.waitFor();
    expect(await first.textContent()).toContain(`the parent account of ${integration.name}`);
    await first.getByRole('button', { name: 'Yes, run users.delete' }).click();
    const second = page.getByRole('dialog', { name: 'Run on the parent account?' });
    await second.waitFor();
    expect(await second.textContent()).toContain(`username ${parentDoomed}`);
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Cancel');
    return second;
  };
  // Cancel at the second question changes nothing.
  let second = await askParent();
  await h.shot('actions-delete-parent-second-confirm');
  await walkthroughShot(second, '5-parent-second-confirm');
  await second.getByRole('button', { name: 'Cancel' }).click();
  await second.waitFor({ state: 'hidden' });
  expect(parentUsers().some((u) => u.username === parentDoomed)).toBe(true);
  second = await askParent();
  await second.getByRole('button', { name: `Yes, run on the parent account of ${integration.name}` }).click();
  await page.getByText(`Ran on the parent account of ${integration.name}.`).waitFor();
  expect(parentUsers().some((u) => u.username === parentDoomed)).toBe(false);

  // A narrow window stacks the catalog above the form.
  await page.setViewportSize({ width: 420, height: 900 });
  await h.shot('actions-narrow');
  const [catalogBox, formBox] = await Promise.all([catalog.boundingBox(), page.getByRole('heading', { name: 'Delete user', level: 2, exact: true }).boundingBox()]);
  expect(formBox!.y).toBeGreaterThan(catalogBox!.y + catalogBox!.height - 1);
  await page.setViewportSize({ width: 1280, height: 900 });

  // A token limited to the organization runs Admin API actions there only, and is told why Auth API ones are out.
  const limited = await h.api('POST', '/api/tokens', { name: 'actions-ui limited', scopes: ['operate'], organization_ids: [org!.id] });
  expect(limited.status).toBe(201);
  const readOnly = await h.api('POST', '/api/tokens', { name: 'actions-ui read-only', scopes: ['read'] });
  expect(readOnly.status).toBe(201);
  const signInAs = async (token: string, path: string) => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Pages' }).waitFor();
    await page.goto(h.serverUrl + path);
    await page.getByRole('navigation', { name: 'Action catalog' }).waitFor();
  };
  await signInAs(limited.body.token, '/actions/users.list');
  await page.getByRole('heading', { name: 'List users', level: 2, exact: true }).waitFor();
  // Only the organization is offered (the token cannot list integrations, so their names are not shown).
  // The last choice in this browser (the parent account) is not this token's to use, so it asks again.
  const limitedOption = orgOption!.replace(/ via [^)]*\)$/, ')');
  expect(await page.getByLabel('Run on').locator('option').allTextContents()).toEqual(['Choose where to run…', limitedOption]);
  await page.getByLabel('Run on').selectOption({ label: limitedOption });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByText(`${users().length} users, ${withoutMfa()} without MFA.`).waitFor();
  await catalog.getByRole('link', { name: 'Ping Auth API', exact: true }).click();
  await page.getByText(/This token is limited to organizations; Auth API actions reach beyond one organization/).waitFor();
  expect(await page.getByRole('button', { name: 'Run', exact: true }).isDisabled()).toBe(true);
  await h.shot('actions-limited-token');

  await signInAs(readOnly.body.token, '/actions/users.list');
  await page.getByText('Your token has the read scope only; running actions needs operate.').waitFor();
  expect(await page.getByRole('button', { name: 'Run', exact: true }).isDisabled()).toBe(true);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await h.open('/actions');
}
