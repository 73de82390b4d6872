import type { EmulatorStats, ExecutionRecord } from './emulator.js';

const LOG_CAP = 10_000;

/** Counts requests by route and status and logs executions of non-idempotent operations. */
export class StatsRecorder {
  private requests = new Map<string, Map<string, number>>();
  private executions = new Map<string, number>();
  private log: ExecutionRecord[] = [];
  private internalErrors = 0;

  /** Counts one answered request; `status` is the HTTP status or `reset` for a dropped connection. */
  request(route: string, status: number | 'reset'): void {
    let byStatus = this.requests.get(route);
    if (!byStatus) this.requests.set(route, (byStatus = new Map()));
    const key = String(status);
    byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
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
    return {
      requests,
      executions: Object.fromEntries(this.executions),
      executionLog: this.log.map((r) => structuredClone(r)),
      internalErrors: this.internalErrors,
    };
  }

  clear(): void {
    this.requests.clear();
    this.executions.clear();
    this.log = [];
    this.internalErrors = 0;
  }
}
