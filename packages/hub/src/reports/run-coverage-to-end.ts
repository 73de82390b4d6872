import type { HubClient, HubResponse } from '../cli/hub-client.js';
import type { ProgressFigures } from './render-progress.js';

/** A run as its polling reads it. */
export interface PolledRun {
  status: string;
  progress: ProgressFigures;
  error: { message: string } | null;
}

/** How a run through the API ended: a call the hub refused, a run that did not finish, or the run's report. */
export type CoverageRunEnd =
  | { kind: 'refused'; res: HubResponse }
  | { kind: 'not_done'; runId: string; run: PolledRun }
  | { kind: 'done'; runId: string; report: HubResponse };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts an MFA coverage run of `integrationId` through the hub's API, follows it (each read held by
 * the hub up to `pollMs`) until it leaves queued/running (telling `onProgress` each time), and reads
 * the report of that run (without the users without MFA when `includeUsers` is false: a table of
 * figures needs none of them): what `duohub report mfa-coverage` and the demo both do.
 */
export async function runCoverageToEnd(
  client: HubClient,
  integrationId: string,
  options: { pollMs: number; onProgress?: (progress: ProgressFigures) => void; includeUsers?: boolean },
): Promise<CoverageRunEnd> {
  const started = await client.request('POST', '/api/reports/mfa-coverage/runs', { integration_id: integrationId });
  if (started.status >= 400) return { kind: 'refused', res: started };
  const runId = (started.body as { id: string }).id;
  for (;;) {
    // Held by the hub until the run ends or `pollMs` passes: the end is seen when it comes, and
    // progress still every `pollMs`. A hub that ignores wait_ms answers at once: then wait here.
    const asked = Date.now();
    // Progress alone (tasks=none): every account's task row each time would be read, sent and parsed for nothing.
    const res = await client.request('GET', `/api/reports/mfa-coverage/runs/${encodeURIComponent(runId)}?wait_ms=${options.pollMs}&tasks=none`);
    if (res.status >= 400) return { kind: 'refused', res };
    const run = res.body as PolledRun;
    options.onProgress?.(run.progress);
    if (run.status === 'done') {
      const figuresOnly = options.includeUsers === false ? '&include_users=false' : '';
      const report = await client.request('GET', `/api/reports/mfa-coverage?run=${encodeURIComponent(runId)}${figuresOnly}`);
      return { kind: 'done', runId, report };
    }
    if (run.status !== 'queued' && run.status !== 'running') return { kind: 'not_done', runId, run };
    await sleep(Math.max(0, options.pollMs - (Date.now() - asked)));
  }
}
