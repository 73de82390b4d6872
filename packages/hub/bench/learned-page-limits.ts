import { createRequire } from 'node:module';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';

// Loaded at run time from the hub's dependencies, not bundled: its native binding finds itself by file name.
const Database = createRequire(new URL('../package.json', import.meta.url))('better-sqlite3') as typeof BetterSqlite3;

/**
 * What a bench hub's pacers stored for the page-read class, summarized over its accounts, read from
 * its data dir's SQLite file: "burst 5 x38, 6 x2; rate 188-192/min". Shows whether learning found
 * the emulator's limits, or guessed above them (the cause of 429s in a learned run).
 */
export function learnedPageLimits(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'duohub.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT state FROM pacer_states').all() as Array<{ state: string }>;
    const bursts = new Map<string, number>();
    const rates: number[] = [];
    let exploring = 0;
    for (const { state } of rows) {
      const parsed = JSON.parse(state) as { buckets?: Array<{ endpointClass: string; burst: number; burstKnown: boolean; ratePerMinute: number; exploredFrom?: number }> };
      for (const b of parsed.buckets ?? []) {
        if (b.endpointClass !== 'admin_get_page') continue;
        const label = `${b.burst}${b.burstKnown ? '' : '+'}`;
        bursts.set(label, (bursts.get(label) ?? 0) + 1);
        rates.push(b.ratePerMinute);
        if (b.exploredFrom !== undefined) exploring += 1;
      }
    }
    if (rates.length === 0) return 'none stored';
    const burstText = [...bursts].sort((a, b) => parseFloat(a[0]) - parseFloat(b[0])).map(([k, n]) => `${k} x${n}`).join(', ');
    rates.sort((a, b) => a - b);
    const at = (q: number) => rates[Math.min(rates.length - 1, Math.floor(q * rates.length))]!.toFixed(0);
    return `burst ${burstText}; rate/min min ${at(0)}, p10 ${at(0.1)}, median ${at(0.5)}, max ${at(1)} over ${rates.length} accounts${exploring ? `; ${exploring} still exploring upward` : ''}`;
  } finally {
    db.close();
  }
}
