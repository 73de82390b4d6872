// Bundles the hub's CLI (with the SDK and the emulator, which ship as TypeScript) into one ES module,
// packages/hub/dist/duohub.mjs, that plain Node runs without tsx: the way to run `duohub serve` in
// production (tsx's loader thread alone costs about 45 MB). Third-party packages stay external and
// load from node_modules (better-sqlite3 is native; pino starts worker threads from its own files).
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { nodeBundle } from './esbuild-node.mjs';

const pkg = JSON.parse(readFileSync(new URL('../packages/hub/package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@duohub/'));
await build({
  ...nodeBundle,
  entryPoints: ['packages/hub/src/cli.ts'],
  outfile: 'packages/hub/dist/duohub.mjs',
  // Subpath imports (hono/..., @hono/node-server/...) are external too.
  external: external.flatMap((name) => [name, `${name}/*`]),
});
console.log('built packages/hub/dist/duohub.mjs');
