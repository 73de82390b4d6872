// Runs `vitest <args>` and passes its output and exit code through, with one guard: once vitest has
// printed its final summary, it gets a minute to exit. A worker thread can hang in Node's own
// teardown after every test has finished and reported (seen once in CI on 2026-12-06: perf showed the
// thread spinning in node::FreeEnvironment -> CleanupHandles -> uv_run for over ten minutes, beyond
// the reach of worker.terminate()). Then the summary decides the exit code, and the hang is reported.
// Usage: node scripts/run-vitest.mjs run [vitest args...]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const EXIT_GRACE_MS = 60_000;
// The package's bin (not exported as a subpath), from the workspace's node_modules.
const vitestBin = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const child = spawn(process.execPath, [vitestBin, ...process.argv.slice(2)], { stdio: ['inherit', 'pipe', 'inherit'] });

// The summary's lines, ANSI colours removed: "Test Files  1 failed | 236 passed (237)", "Tests ...", "Duration ...".
const plain = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');
let tail = '';
let summary;
let guard;
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  tail = (tail + plain(chunk.toString('utf8'))).slice(-4000);
  if (summary === undefined && /^\s*Duration\s/m.test(tail) && /^\s*Tests?\s+.*\(\d+\)/m.test(tail)) {
    summary = tail;
    guard = setTimeout(() => {
      const failed = /^\s*Test Files\s.*\bfailed\b/m.test(summary) || /^\s*Tests\s.*\bfailed\b/m.test(summary);
      console.error(`\nrun-vitest: vitest printed its summary but had not exited ${EXIT_GRACE_MS / 1000} s later (a worker stuck in teardown); stopping it and exiting ${failed ? 1 : 0} as the summary says.`);
      child.kill('SIGKILL');
      process.exit(failed ? 1 : 0);
    }, EXIT_GRACE_MS);
    guard.unref();
  }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (guard) clearTimeout(guard);
  process.exit(code ?? (signal ? 1 : 0));
});
