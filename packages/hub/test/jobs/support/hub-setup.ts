import { expect } from 'vitest';
import { fleetGroundTruth } from '../../reports/support/ground-truth.js';
import type { Emulator } from '@duohub/emulator';
import { findCamelCaseKeys } from '../../../src/cli/snake-case-keys.js';
import { countsView, noMfaUserView, percentagesView } from '../../../src/reports/mfa-coverage-history/coverage-view.js';

type Api = (method: string, path: string, options?: { token?: string | null; body?: unknown }) => Promise<{ status: number; body: any; text: string }>;

/** Creates the integration (checks run against the emulator) and returns its id. */
export async function createIntegration(api: Api, baseUrl: string, sets: Record<string, unknown>): Promise<string> {
  const res = await api('POST', '/api/integrations', { body: { name: `Emulator ${Math.random().toString(36).slice(2, 8)}`, base_url: baseUrl, ...sets } });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

/** Polls a run until it has ended; returns its detail. */
export async function waitForRun(api: Api, runId: string, everyMs = 25): Promise<any> {
  for (;;) {
    const res = await api('GET', `/api/reports/mfa-coverage/runs/${runId}`);
    expect(res.status, res.text).toBe(200);
    if (!['queued', 'running'].includes(res.body.status)) return res.body;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The run's snapshot must equal the ground truth of every account, each counted once. */
export async function expectReportEqualsGroundTruth(api: Api, emu: Emulator, runId: string, usersPerAccount: number): Promise<any> {
  const run = await waitForRun(api, runId);
  expect(run.status).toBe('done');
  const report = await api('GET', `/api/reports/mfa-coverage?run=${runId}`);
  expect(report.status, report.text).toBe(200);
  const truth = fleetGroundTruth(emu.state, Date.parse(run.as_of));
  // The REST API is snake_case throughout, down to the figures stored in the scanner's own casing.
  expect(findCamelCaseKeys(report.body)).toEqual([]);
  expect(report.body.organizations).toHaveLength(truth.size);
  for (const org of report.body.organizations) {
    expect(org.status).toBe('ok');
    const expected = truth.get(org.duo_account_id)!;
    // The API shows the scanner's figures in its own snake_case.
    expect({ counts: org.counts, percentages: org.percentages, users_without_mfa: org.users_without_mfa }).toEqual({
      counts: countsView(expected.counts),
      percentages: percentagesView(expected.percentages),
      users_without_mfa: expected.usersWithoutMfa.map((u) => noMfaUserView(u as Parameters<typeof noMfaUserView>[0])),
    });
    expect(org.scan).toMatchObject({ consistent: true, duplicates_dropped: 0 });
  }
  const total = truth.size * usersPerAccount;
  expect(report.body.totals.counts.users).toBe(total);
  expect(run.progress).toEqual({ accounts_total: truth.size, accounts_done: truth.size, accounts_failed: 0, users_seen: total });
  expect(run.tasks.every((t: any) => t.status === 'done')).toBe(true);
  return { run, report: report.body };
}
