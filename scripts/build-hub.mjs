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
// V8 keeps a module's source in memory as one string, one byte a character only while every character
// fits in Latin-1: a single curly apostrophe in a regular expression (esbuild escapes strings but leaves
// regex literals as written) doubled the bundle's 1.9 MB in every hub's heap. Escape such characters.
const wide = /[^\x00-\xff]/.exec(readFileSync('packages/hub/dist/duohub.mjs', 'utf8'));
if (wide) {
  const code = wide[0].codePointAt(0).toString(16).padStart(4, '0');
  throw new Error(`packages/hub/dist/duohub.mjs holds U+${code} at offset ${wide.index}: write it as \\u${code} in the source`);
}
console.log('built packages/hub/dist/duohub.mjs');
