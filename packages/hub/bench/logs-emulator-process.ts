/**
 * The log benchmark's Duo: an emulator fleet with months of log history in its own process, so the
 * benchmark's memory figures are duohub's alone. Driven over IPC: it reports `ready` with its URL, the
 * parent's keys and how many rows each account's logs hold in the window a first sync reads (counted
 * here through the SDK, limits off), then answers `configure` (latency and the log rate limit; a
 * fresh limiter each time), `stats`, `close`.
 */
import { DuoAccountsClient, DuoAdminClient, type LogsResource } from '@duohub/sdk';
import { createEmulator, type FaultRule, type RateLimitOptions } from '@duohub/emulator';

/** Messages the benchmark sends. */
export type LogEmulatorCommand = { type: 'configure'; faults: FaultRule[]; rateLimits: RateLimitOptions | false } | { type: 'stats' } | { type: 'count' } | { type: 'close' };

/** A credential set in the hub's API shape. */
export interface BenchSet {
  api_host: string;
  integration_key: string;
  secret_key: string;
}

/** Rows per log type of one account, in the window a first sync reads. */
export type LogRowCounts = Record<'authentication' | 'telephony' | 'activity' | 'administrator' | 'offline_enrollment' | 'trust_monitor', number>;

/** Messages this process sends back. */
export type LogEmulatorReply =
  | { type: 'ready'; url: string; seedMs: number; admin: BenchSet; accounts: BenchSet; rows: Record<string, LogRowCounts> }
  | { type: 'configured' }
  | { type: 'count'; rows: Record<string, LogRowCounts> }
  | { type: 'stats'; statuses: Record<string, number>; logStatuses: Record<string, number> };

const [accounts, users, historyDays, eventsPerDay, seed, lookbackMs, lagMs] = process.argv.slice(2).map(Number) as [number, number, number, number, number, number, number];
const send = (reply: LogEmulatorReply) => process.send?.(reply);

const started = performance.now();
// Duo shows a log row about two minutes after it happens; so does this Duo.
const emu = createEmulator({ seed: { fleet: { accounts, usersPerAccount: users, seed, historyDays, eventsPerDay } }, rateLimits: false, logDelayMs: 120_000 });
const parent = emu.credentials().accounts.find((a) => a.parent_id === null)!;
const pick = (type: 'admin' | 'accounts'): BenchSet => {
  const i = parent.integrations.find((x) => x.type === type)!;
  return { api_host: i.api_hostname, integration_key: i.integration_key, secret_key: i.secret_key };
};
const admin = pick('admin');
const accountsSet = pick('accounts');

/**
 * Every account's rows in the window a first sync started now reads (from Duo's 180 days back to now
 * - lag), counted in process with limits off. History keeps showing up for Duo's two-minute delay
 * after the seed, so the benchmark counts before and after each sync.
 */
async function countRows(): Promise<Record<string, LogRowCounts>> {
  const now = Date.now();
  const mintime = now - lookbackMs;
  const maxtime = now - lagMs - 1;
  const opts = { fetch: (req: Request) => emu.fetch(req), pacing: false as const, retry: false as const };
  const count = async (logs: LogsResource): Promise<LogRowCounts> => {
    const v1 = async (page: (m: number) => Promise<{ items: unknown[]; more: boolean; nextMintime?: number }>) => {
      let n = 0;
      let m = Math.floor(mintime / 1000);
      for (;;) {
        const p = await page(m);
        n += p.items.length;
        if (!p.more || p.nextMintime === undefined) return n;
        m = p.nextMintime;
      }
    };
    return {
      authentication: (await logs.authentication({ mintime, maxtime }).toArray()).length,
      telephony: (await logs.telephony({ mintime, maxtime }).toArray()).length,
      activity: (await logs.activity({ mintime, maxtime }).toArray()).length,
      administrator: await v1((m) => logs.administratorPage({ mintime: m })),
      offline_enrollment: await v1((m) => logs.offlineEnrollmentPage({ mintime: m })),
      trust_monitor: (await logs.trustMonitor({ mintime, maxtime }).toArray()).length,
    };
  };
  // Limits are off while counting (whatever the benchmark configured), and back as they were after.
  const limits = emu.options.rateLimits;
  const faults = emu.options.faults;
  emu.configure({ rateLimits: false, faults: [] });
  try {
    const rows: Record<string, LogRowCounts> = {};
    rows.parent = await count(new DuoAdminClient({ host: admin.api_host, ikey: admin.integration_key, skey: admin.secret_key, ...opts }).logs);
    const client = new DuoAccountsClient({ host: accountsSet.api_host, ikey: accountsSet.integration_key, skey: accountsSet.secret_key, ...opts });
    for (const a of emu.credentials().accounts.filter((x) => x.parent_id !== null)) rows[a.account_id] = await count(client.child(a.account_id).logs);
    return rows;
  } finally {
    emu.configure({ rateLimits: limits, faults });
  }
}
const rows = await countRows();
const seedMs = performance.now() - started;
(globalThis as { gc?: () => void }).gc?.();
const server = await emu.listen({ port: 0, host: '127.0.0.1' });
send({ type: 'ready', url: server.url, seedMs, admin, accounts: accountsSet, rows });

process.on('message', async (command: LogEmulatorCommand) => {
  if (command.type === 'configure') {
    emu.configure({ faults: command.faults, rateLimits: command.rateLimits });
    send({ type: 'configured' });
  } else if (command.type === 'count') {
    send({ type: 'count', rows: await countRows() });
  } else if (command.type === 'stats') {
    const statuses: Record<string, number> = {};
    const logStatuses: Record<string, number> = {};
    for (const [route, byStatus] of Object.entries(emu.stats().requests)) {
      const isLog = route.includes('/logs/') || route.includes('trust_monitor');
      for (const [status, n] of Object.entries(byStatus)) {
        statuses[status] = (statuses[status] ?? 0) + n;
        if (isLog) logStatuses[status] = (logStatuses[status] ?? 0) + n;
      }
    }
    send({ type: 'stats', statuses, logStatuses });
  } else if (command.type === 'close') {
    await server.close();
    await emu.close();
    process.disconnect?.();
  }
});
