/**
 * Log scrubbing benchmark (`npm run bench:scrubber`; not a test): the scrubber's cost per log line as
 * the number of known secrets grows (every value sealed, opened or issued is learned, up to 10,000),
 * against the same run's baseline, a loop over every known value (how the scrubber worked before
 * `KnownValuesIndex`). The line is a request log line as the hub writes one (about 330 characters).
 * Options: --lines N (20000 per measurement).
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { KnownValuesIndex } from '../src/log/known-values-index.js';

const { values: args } = parseArgs({ options: { lines: { type: 'string', default: '20000' } } });
const LINES = Number(args.lines);
const line = JSON.stringify({
  level: 30,
  time: 1796666705537,
  pid: 7997,
  hostname: 'vm',
  name: 'duohub',
  request_id: 'f4b63171-c3e7-46c5-bb44-e99526a24f61',
  method: 'POST',
  route: '/api/actions/{id}/run',
  status: 200,
  duration_ms: 3.2,
  token_id: 'tok_01M98TWHE89JR996MWAWQ8J49P',
  msg: 'request',
});

/** The baseline: every known value looked for in turn. */
function loopOver(values: readonly string[], text: string): string {
  let out = text;
  for (const value of values) if (out.includes(value)) out = out.split(value).join('[REDACTED]');
  return out;
}

function perLineMicros(scrub: () => string): number {
  for (let i = 0; i < 500; i++) scrub();
  const started = performance.now();
  for (let i = 0; i < LINES; i++) scrub();
  return ((performance.now() - started) / LINES) * 1000;
}

console.log(`Scrubbing a ${line.length}-character log line, ${LINES} times per figure (µs per line)`);
console.log('  known values   loop over values   KnownValuesIndex   loop / index');
for (const count of [10, 100, 1_000, 10_000]) {
  const values = Array.from({ length: count }, () => randomBytes(30).toString('base64'));
  const index = new KnownValuesIndex();
  for (const v of values) index.add(v);
  const loop = perLineMicros(() => loopOver(values, line));
  const indexed = perLineMicros(() => index.replaceIn(line, '[REDACTED]'));
  console.log(`  ${String(count).padStart(12)}   ${loop.toFixed(1).padStart(16)}   ${indexed.toFixed(1).padStart(16)}   ${(loop / indexed).toFixed(1).padStart(11)}x`);
}
