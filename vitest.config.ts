import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Files that take far longer than any other (on this 2-core machine: about 125, 55 and 50 s), started
 * first so the run does not end with one worker on one of them while the other idles. Without vitest's
 * cache (a clean clone, as in CI) files run largest first, and these are small files: the browser
 * test started near the end and set the run's length.
 */
const LONG_FIRST = ['packages/web/test/ui.test.ts', 'packages/hub/test/fuzz-routes.test.ts', 'packages/hub/test/logs/search-export-stream.test.ts'];

class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const at = LONG_FIRST.findIndex((path) => spec.moduleId.replaceAll('\\', '/').endsWith(path));
      return at === -1 ? LONG_FIRST.length : at;
    };
    // Stable: everything else keeps vitest's order.
    return sorted.map((spec, i) => ({ spec, i })).sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i).map(({ spec }) => spec);
  }
}

// One runner for every package; threads are several times faster than forks on 2 cores.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    pool: 'threads',
    // Vitest's default is one worker fewer than the cores: on this 2-core machine, one, and the suite
    // runs file after file (793-856 s); two take 518-620 s. Two Postgres-backed files at once once ran
    // the shared server (100 connections) out of them, when a replica could hold 70; now a replica
    // holds at most STORE_POOL_SIZE + JOB_POOL_SIZE and the files peak near 30 each.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    sequence: { sequencer: LongFirstSequencer },
  },
});
