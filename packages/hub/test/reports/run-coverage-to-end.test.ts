import { describe, expect, it } from 'vitest';
import type { HubClient, HubResponse } from '../../src/cli/hub-client.js';
import { runCoverageToEnd } from '../../src/reports/run-coverage-to-end.js';

/** A hub that starts run `cov_1`, reports it running once and then done, and records every request. */
function scriptedHub() {
  const paths: string[] = [];
  let reads = 0;
  const progress = { accounts_total: 2, accounts_done: 0, accounts_failed: 0, users_seen: 0 };
  const client: HubClient = {
    target: 'scripted',
    async request(method: string, path: string): Promise<HubResponse> {
      paths.push(`${method} ${path}`);
      if (method === 'POST') return { status: 202, body: { id: 'cov_1', status: 'queued', progress, error: null } };
      if (path.startsWith('/api/reports/mfa-coverage/runs/')) {
        reads += 1;
        return { status: 200, body: { id: 'cov_1', status: reads < 2 ? 'running' : 'done', progress, error: null } };
      }
      return { status: 200, body: { snapshot: { id: 'cov_1' } } };
    },
    stream: () => Promise.reject(new Error('not used')),
    close: async () => {},
  };
  return { client, paths };
}

describe('runCoverageToEnd (what the CLI and the demo ask of the hub)', () => {
  it.each([
    [undefined, '/api/reports/mfa-coverage?run=cov_1'],
    [true, '/api/reports/mfa-coverage?run=cov_1'],
    // A table of figures: the users without MFA stay on the hub.
    [false, '/api/reports/mfa-coverage?run=cov_1&include_users=false'],
  ])('includeUsers %s: polls progress alone, then reads %s', async (includeUsers, reportPath) => {
    const { client, paths } = scriptedHub();
    const seen: number[] = [];
    const end = await runCoverageToEnd(client, 'int_1', { pollMs: 1, onProgress: (p) => seen.push(p.accounts_total), ...(includeUsers === undefined ? {} : { includeUsers }) });
    expect(end).toMatchObject({ kind: 'done', runId: 'cov_1' });
    expect(paths).toEqual([
      'POST /api/reports/mfa-coverage/runs',
      'GET /api/reports/mfa-coverage/runs/cov_1?wait_ms=1&tasks=none',
      'GET /api/reports/mfa-coverage/runs/cov_1?wait_ms=1&tasks=none',
      `GET ${reportPath}`,
    ]);
    expect(seen).toEqual([2, 2]);
  });
});
