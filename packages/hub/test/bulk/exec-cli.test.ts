import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/define-command.js';
import { bulkExecutionSubcommands } from '../../src/bulk/bulk-execution-commands.js';
import type { PlannedItem } from '../../src/bulk/new-bulk-plan.js';
import { renderBulkProgress } from '../../src/bulk/render-bulk-progress.js';
import { haveScript, onTerminal } from '../support/on-terminal.js';
import { startExecFleet, type ExecFleet } from './support/exec-fleet.js';

let fleet: ExecFleet;
beforeAll(async () => {
  fleet = await startExecFleet({ accounts: 2, usersPerAccount: 5, orgs: 2, seed: 21 });
});
afterAll(async () => {
  await fleet?.close();
});

/** Runs one of the subcommands against the test hub over HTTP, capturing stdout and stderr. */
async function cli(name: string, id: string, options: Record<string, unknown> = {}) {
  const command = bulkExecutionSubcommands.find((c) => c.name === name)!;
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), interactive: false };
  const code = await command.run!({ args: [id], options: { url: fleet.hub.url, token: fleet.hub.adminToken, pollMs: '50', wait: true, ...options }, io, env: {} });
  return { code: code ?? 0, out, err };
}

const updates = (notes: string, extra: PlannedItem[] = []): PlannedItem[] => [
  ...fleet.orgs.flatMap((org) =>
    Object.values(fleet.emu.emulator.state.accounts[org.accountId]!.users)
      .slice(0, 3)
      .map((u) => ({ organizationId: org.id, actionId: 'users.update', target: u.username, targetId: u.user_id, input: { user_id: u.user_id, notes } })),
  ),
  ...extra,
];

describe('duohub bulk run|status|pause|resume|cancel', () => {
  it('run reads the plan hash, waits with plain progress lines when piped, and exits 0 when every item is done', async () => {
    const plan = await fleet.plan('users.update', updates('cli ok'));
    const run = await cli('run', plan.id);
    expect(run.code, run.err).toBe(0);
    expect(run.err).toMatch(/\[#+\] 6\/6 items {2}done 6 {2}completed\n/);
    expect(run.err).not.toContain('\r');
    expect(run.out).toContain('6 done');
    const status = await cli('status', plan.id, { json: true });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({ id: plan.id, status: 'completed', counts: { done: 6 } });
  }, 60_000);

  it('exits 1 when an item failed, and says how to list the failures', async () => {
    const missing: PlannedItem = { organizationId: fleet.orgs[0]!.id, actionId: 'users.update', target: 'ghost', targetId: 'DUGHOST0000000000000', input: { user_id: 'DUGHOST0000000000000', notes: 'x' } };
    const plan = await fleet.plan('users.update', updates('cli failing', [missing]));
    const run = await cli('run', plan.id);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`duohub bulk items ${plan.id} --status failed`);
    expect((await cli('status', plan.id)).code).toBe(1);
  }, 60_000);

  it('--no-wait returns at once; a wrong --plan-hash is refused; cancel refuses without --yes off a terminal', async () => {
    const plan = await fleet.plan('users.update', updates('cli nowait'));
    const wrong = await cli('run', plan.id, { planHash: 'f'.repeat(64) });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('conflict');
    const started = await cli('run', plan.id, { wait: false });
    expect(started.code).toBe(0);
    expect(started.out).toContain(`duohub bulk status ${plan.id}`);
    await fleet.waitForEnd(plan.id);
    const refused = await cli('cancel', plan.id);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('--yes');
    const cancelled = await cli('cancel', plan.id, { yes: true });
    // A completed run cannot be cancelled: the hub's 409 is printed.
    expect(cancelled.code).toBe(1);
    expect(cancelled.err).toContain('conflict');
  }, 60_000);
});

describe('renderBulkProgress', () => {
  const counts = { total: 240, pending: 110, calling: 10, done: 118, skipped: 0, failed: 2, review: 0, cancelled: 0 };
  it.each([
    [{ status: 'running', counts }, '[############------------] 120/240 items  done 118  failed 2  running'],
    [{ status: 'queued', counts: { ...counts, pending: 240, calling: 0, done: 0, failed: 0 } }, '[------------------------]   0/240 items  queued'],
    [{ status: 'completed', counts: { ...counts, total: 0, pending: 0, calling: 0, done: 0, failed: 0 } }, '[########################] 0/0 items  completed'],
  ])('%#', (figures, line) => {
    expect(renderBulkProgress(figures)).toBe(line);
  });
});

describe.skipIf(!haveScript)('the duohub bin on a terminal', () => {
  it('bulk run shows its progress and exits 0 once every item is done; bulk cancel asks first, and "n" leaves the run alone', async () => {
    const env = { DUOHUB_URL: fleet.hub.url, DUOHUB_TOKEN: fleet.hub.adminToken };
    const done = await fleet.plan('users.update', updates('bin ok'));
    const run = await onTerminal(['bulk', 'run', done.id], env);
    expect(run.code, run.screen).toBe(0);
    expect(run.screen).toMatch(/6\/6 items/);
    expect((await fleet.hub.api('GET', `/api/bulk-runs/${done.id}`)).body.status).toBe('completed');

    const kept = await fleet.plan('users.update', updates('bin kept'));
    const asked = await onTerminal(['bulk', 'cancel', kept.id], env, [[/\(y\/N\) $/, 'n']]);
    expect(asked.screen).toMatch(/\? Cancel bulk run \S+ \(its pending items will not run\)\? \(y\/N\) n\n/);
    expect(asked.code, asked.screen).toBe(1);
    expect((await fleet.hub.api('GET', `/api/bulk-runs/${kept.id}`)).body.status).toBe('planned');
  }, 90_000);
});
