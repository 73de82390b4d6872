/**
 * Measures what generated log history costs: a fleet of 40 accounts with 30 days of history, every
 * log of every account built (as a full log sync would), heap and array buffers before and after.
 * Run: node --expose-gc --import tsx packages/emulator/test/support-logs/measure-history.ts [eventsPerDay]
 */
import { createEmulator } from '../../src/index.js';
import { historyBytes, historyTimes, type HistoryKind } from '../../src/logs/history-columns.js';

const eventsPerDay = Number(process.argv[2] ?? 1_000);
const gc = (globalThis as { gc?: () => void }).gc;

function used(): number {
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

const base = used();
const started = Date.now();
const emu = createEmulator({ seed: { fleet: { accounts: 40, usersPerAccount: 250, historyDays: 30, eventsPerDay } } });
const seeded = used();
const seedMs = Date.now() - started;

let rows = 0;
let bytes = 0;
const built = Date.now();
for (const account of Object.values(emu.state.accounts)) {
  const spec = account.logs?.history;
  if (!spec) continue;
  for (const kind of ['authentication', 'telephony', 'administrator', 'activity'] as HistoryKind[]) rows += historyTimes(spec, kind).length;
  bytes += historyBytes(spec);
}
const buildMs = Date.now() - built;
const after = used();

console.log(
  JSON.stringify({
    eventsPerDay,
    accounts: 40,
    days: 30,
    rows,
    columnBytes: mb(bytes),
    seedState: mb(seeded - base),
    seedMs,
    historyBuilt: mb(after - seeded),
    buildMs,
    total: mb(after - base),
  }),
);
