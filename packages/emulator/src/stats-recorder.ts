import type { EmulatorStats, ExecutionRecord } from './emulator.js';

const LOG_CAP = 10_000;

/** Counts requests by route and status and logs executions of non-idempotent operations. */
export class StatsRecorder {
  private requests = new Map<string, Map<string, number>>();
  private byAccount = new Map<string, Map<string, number>>();
  private executions = new Map<string, number>();
  private log: ExecutionRecord[] = [];
  private internalErrors = 0;

  /**
   * Counts one answered request; `status` is the HTTP status or `reset` for a dropped connection.
   * `accountId` is the Duo account it was resolved to, when the pipeline got that far.
   */
  request(route: string, status: number | 'reset', accountId?: string): void {
    bump(this.requests, route, String(status));
    if (accountId !== undefined) bump(this.byAccount, accountId, route);
  }

  execution(record: ExecutionRecord): void {
    this.executions.set(record.operation, (this.executions.get(record.operation) ?? 0) + 1);
    this.log.push(record);
    if (this.log.length > LOG_CAP) this.log.splice(0, this.log.length - LOG_CAP);
  }

  internalError(): void {
    this.internalErrors++;
  }

  /** A JSON-ready copy. */
  snapshot(): EmulatorStats {
    const requests: EmulatorStats['requests'] = {};
    for (const [route, byStatus] of this.requests) requests[route] = Object.fromEntries(byStatus);
    const accountRequests: EmulatorStats['accountRequests'] = {};
    for (const [account, byRoute] of this.byAccount) accountRequests[account] = Object.fromEntries(byRoute);
    return {
      requests,
      accountRequests,
      executions: Object.fromEntries(this.executions),
      executionLog: this.log.map((r) => structuredClone(r)),
      internalErrors: this.internalErrors,
    };
  }

  clear(): void {
    this.requests.clear();
    this.byAccount.clear();
    this.executions.clear();
    this.log = [];
    this.internalErrors = 0;
  }
}

function bump(counts: Map<string, Map<string, number>>, outer: string, inner: string): void {
  let row = counts.get(outer);
  if (!row) counts.set(outer, (row = new Map()));
  row.set(inner, (row.get(inner) ?? 0) + 1);
}
