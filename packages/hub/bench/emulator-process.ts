/**
 * The benchmark's Duo: an emulator fleet in its own process, so the benchmark's memory figures are
 * duohub's alone. Driven over IPC: it reports `ready` with its URL and the parent's Accounts API
 * keys, then answers `configure` (faults and rate limits; a fresh limiter each time), `stats`,
 * `decisions` (the rate-limit decisions since the last asked: how the hub's pacing looked from Duo's side), `close`.
 */
import { createEmulator, userJson, usersInOrder, type FaultRule, type RateDecisionRecord, type RateLimitOptions } from '@duohub/emulator';

/** Messages the benchmark sends. */
export type EmulatorCommand =
  | { type: 'configure'; faults: FaultRule[]; rateLimits: RateLimitOptions }
  | { type: 'stats' }
  | { type: 'decisions' }
  | { type: 'close' };

/** Messages this process sends back. */
export type EmulatorReply =
  | { type: 'ready'; url: string; seedMs: number; accountsKeys: { host: string; ikey: string; skey: string }; pagesPerAccount: { users: number; bypassCodes: number } }
  | { type: 'configured' }
  | { type: 'stats'; statuses: Record<string, number> }
  | { type: 'decisions'; decisions: RateDecisionRecord[] };

const [accounts, users, seed] = (process.argv.slice(2).map(Number) as [number, number, number]);
const send = (reply: EmulatorReply) => process.send?.(reply);

const started = performance.now();
// The emulator stands in for Duo's servers, which are not what is measured: user pages come from
// each user's JSON made once (nothing writes during the benchmark), so its CPU stays off duohub's core.
const emu = createEmulator({ seed: { fleet: { accounts, usersPerAccount: users, seed } }, rateLimits: false, cacheUserJson: true, recordRateDecisions: 200_000 });
// Render every user's JSON once now, so the first measured run does not pay for filling the cache.
// Pages the largest child account takes (users at 300 a page, bypass codes at 500; an empty list is one page).
const pagesPerAccount = { users: 0, bypassCodes: 0 };
for (const account of Object.values(emu.state.accounts)) {
  if (account.parent_id === null) continue;
  const users = usersInOrder(account);
  for (const user of users) userJson(emu.state, account, user);
  pagesPerAccount.users = Math.max(pagesPerAccount.users, Math.max(1, Math.ceil(users.length / 300)));
  pagesPerAccount.bypassCodes = Math.max(pagesPerAccount.bypassCodes, Math.max(1, Math.ceil(Object.keys(account.bypass_codes).length / 500)));
}
const seedMs = performance.now() - started;
// Collect the seeding garbage now (the benchmark starts this process with --expose-gc), so a
// major collection of it does not land in the middle of a measured run.
(globalThis as { gc?: () => void }).gc?.();
const server = await emu.listen({ port: 0, host: '127.0.0.1' });
const parent = emu.credentials().accounts.find((a) => a.parent_id === null);
const keys = parent?.integrations.find((i) => i.type === 'accounts');
if (!keys) throw new Error('fleet seed without an Accounts API integration');
send({ type: 'ready', url: server.url, seedMs, accountsKeys: { host: keys.api_hostname, ikey: keys.integration_key, skey: keys.secret_key }, pagesPerAccount });

process.on('message', async (command: EmulatorCommand) => {
  if (command.type === 'configure') {
    emu.configure({ faults: command.faults, rateLimits: command.rateLimits });
    send({ type: 'configured' });
  } else if (command.type === 'stats') {
    const statuses: Record<string, number> = {};
    for (const byStatus of Object.values(emu.stats().requests)) {
      for (const [status, n] of Object.entries(byStatus)) statuses[status] = (statuses[status] ?? 0) + n;
    }
    send({ type: 'stats', statuses });
  } else if (command.type === 'decisions') {
    send({ type: 'decisions', decisions: emu.rateDecisions({ clear: true }) });
  } else if (command.type === 'close') {
    await server.close();
    await emu.close();
    process.disconnect?.();
  }
});
