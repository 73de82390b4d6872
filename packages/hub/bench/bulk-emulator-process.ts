/**
 * The bulk benchmark's Duo: an emulator fleet in its own process (its CPU is Duo's, not the hub's),
 * driven over IPC. Reports `ready` with its URL and the parent's Accounts API keys, then answers
 * `configure` (faults and rate limits; a fresh limiter each time), `stats` (answers by status and
 * executions of non-idempotent operations, counted without the log's cap) and `close`.
 */
import { createEmulator, type FaultRule, type RateLimitOptions } from '@duohub/emulator';

/** Messages the benchmark sends. */
export type BulkEmulatorCommand = { type: 'configure'; faults: FaultRule[]; rateLimits: RateLimitOptions | false } | { type: 'stats' } | { type: 'close' };

/** Messages this process sends back. */
export type BulkEmulatorReply =
  | { type: 'ready'; url: string; seedMs: number; accountsKeys: { host: string; ikey: string; skey: string } }
  | { type: 'configured' }
  | { type: 'stats'; statuses: Record<string, number>; executions: Record<string, number> };

const [accounts, users, seed] = process.argv.slice(2).map(Number) as [number, number, number];
const send = (reply: BulkEmulatorReply) => process.send?.(reply);

const started = performance.now();
// Rate limits off while the hub is set up (coverage scan, planning); the benchmark turns Duo's on for the run.
const emu = createEmulator({ seed: { fleet: { accounts, usersPerAccount: users, seed } }, rateLimits: false, cacheUserJson: true });
const seedMs = performance.now() - started;
const server = await emu.listen({ port: 0, host: '127.0.0.1' });
const parent = emu.credentials().accounts.find((a) => a.parent_id === null);
const keys = parent?.integrations.find((i) => i.type === 'accounts');
if (!keys) throw new Error('fleet seed without an Accounts API integration');
send({ type: 'ready', url: server.url, seedMs, accountsKeys: { host: keys.api_hostname, ikey: keys.integration_key, skey: keys.secret_key } });

process.on('message', async (command: BulkEmulatorCommand) => {
  if (command.type === 'configure') {
    emu.configure({ faults: command.faults, rateLimits: command.rateLimits });
    send({ type: 'configured' });
  } else if (command.type === 'stats') {
    const stats = emu.stats();
    const statuses: Record<string, number> = {};
    for (const byStatus of Object.values(stats.requests)) {
      for (const [status, n] of Object.entries(byStatus)) statuses[status] = (statuses[status] ?? 0) + n;
    }
    send({ type: 'stats', statuses, executions: stats.executions });
  } else if (command.type === 'close') {
    await server.close();
    await emu.close();
    process.disconnect?.();
  }
});
