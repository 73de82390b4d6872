// Runs a TypeScript entry point as one bundled ES module under plain Node, without tsx's loader
// thread (about 45 MB of RSS): what a memory figure of duohub's own code should be measured on.
// Usage: node scripts/run-bundled.mjs <entry.ts> [args...]; the bundle lands beside the entry
// (*.bundle.mjs, gitignored) so that paths relative to import.meta.url still resolve.
import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import { nodeBundle } from './esbuild-node.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry?.endsWith('.ts')) {
  console.error('usage: node scripts/run-bundled.mjs <entry.ts> [args...]');
  process.exit(2);
}
const outfile = entry.replace(/\.ts$/, '.bundle.mjs');
await build({ ...nodeBundle, entryPoints: [entry], outfile });
const child = spawn(process.execPath, ['--expose-gc', outfile, ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
