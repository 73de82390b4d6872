import { expect } from 'vitest';
import type { FaultRule } from '@duohub/emulator';
import { cliActor } from '../../../src/access/actor.js';
import { startBulkJobs, type BulkJobs } from '../../../src/bulk/bulk-jobs.js';
import { readBulkRunView } from '../../../src/bulk/bulk-run-view.js';
import type { PlannedItem } from '../../../src/bulk/new-bulk-plan.js';
import { saveBulkPlan } from '../../../src/bulk/save-bulk-plan.js';
import { startTestEmulator, startTestHub, type TestEmulator, type TestHub } from '../../helpers/test-hub.js';

/** A fleet emulator on a real port behind one integration, with an organization mapped to each of the first `orgs` child accounts. */
export interface ExecFleet {
  emu: TestEmulator;
  hub: TestHub;
  jobs: BulkJobs;
  integrationId: string;
  orgs: Array<{ id: string; accountId: string }>;
  /** Saves a plan (as the CLI would: an unlimited operator) and answers its id and hash. */
  plan(actionId: string, items: PlannedItem[], requiresApproval?: boolean): Promise<{ id: string; planHash: string }>;
  /** Polls the run until it leaves queued/running. */
  waitForEnd(runId: string): Promise<any>;
  close(): Promise<void>;
}

/**
 * The issue's fault mix on `path`: 20% 429 (Duo did nothing), and 5% 5xx plus 2% resets, half of each
 * before the handler (nothing happened) and half after (the work was done, the answer lost).
 */
export function issueFaults(path: string): FaultRule[] {
  return [
    { path, rateLimitRate: 0.2 },
    { path, serverErrorRate: 0.025, resetRate: 0.01, when: 'before' },
    { path, serverErrorRate: 0.025, resetRate: 0.01, when: 'after' },
  ];
}

/** Starts the fleet, the hub (SQLite, real port) and its in-process bulk runner (fast retries, as a test can afford). */
export async function startExecFleet(spec: { accounts: number; usersPerAccount: number; orgs: number; seed?: number }): Promise<ExecFleet> {
  const emu = await startTestEmulator({ seed: { fleet: { accounts: spec.accounts, usersPerAccount: spec.usersPerAccount, seed: spec.seed ?? 3 } }, randomSeed: spec.seed ?? 3 });
  const hub = await startTestHub();
  const asAdmin = async (method: string, path: string, body?: unknown) => {
    const res = await hub.api(method, path, body === undefined ? {} : { body });
    expect(res.status, `${method} ${path}: ${res.text}`).toBeLessThan(300);
    return res.body;
  };
  const integration = await asAdmin('POST', '/api/integrations', { name: 'Bulk fleet', base_url: emu.url, admin: emu.sets.admin, accounts: emu.sets.accounts });
  const children = Object.values(emu.emulator.state.accounts)
    .filter((a) => a.parent_id !== null)
    .slice(0, spec.orgs);
  const orgs: ExecFleet['orgs'] = [];
  for (const [i, account] of children.entries()) {
    const org = await asAdmin('POST', '/api/organizations', { name: `Bulk Org ${i + 1}`, integration_id: integration.id, duo_account_id: account.account_id });
    orgs.push({ id: org.id, accountId: account.account_id });
  }
  const jobs = await startBulkJobs(hub.hub, { pollMs: 50, retry: { maxAttempts: 7, initialDelayMs: 5, maxDelayMs: 20, jitterMs: 0, maxTotalWaitMs: 2000 } });
  return {
    emu,
    hub,
    jobs,
    integrationId: integration.id,
    orgs,
    plan: (actionId, items, requiresApproval = false) =>
      saveBulkPlan(hub.hub, cliActor, { title: `test ${actionId}`, actionId, source: 'manual', requiresApproval, spec: { test: true }, items }),
    async waitForEnd(runId) {
      for (;;) {
        const view = await readBulkRunView(hub.hub, cliActor, runId);
        if (!['queued', 'running'].includes(view.status)) return view;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await jobs.stop();
      await hub.close();
      await emu.close();
    },
  };
}

/** Executions of `operation` in the emulator's log, counted per `<account id>|<detail[key]>` (usernames repeat across accounts). */
export function executionsBy(emu: TestEmulator, operation: string, key: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of emu.emulator.stats().executionLog) {
    if (record.operation !== operation) continue;
    const value = `${record.account_id}|${String(record.detail?.[key] ?? '')}`;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}
