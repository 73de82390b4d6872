// Bundles the hub's CLI (with the SDK and the emulator, which ship as TypeScript) into one ES module,
// packages/hub/dist/duohub.mjs, that plain Node runs without tsx: the way to run `duohub serve` in
// production (tsx's loader thread alone costs about 45 MB). Third-party packages written in plain
// JavaScript are bundled too: resolving and loading each from node_modules was a third of every CLI
// start (`--version` took 0.62-0.77 s, 0.37-0.43 s bundled). Those that must load from their own
// files stay external: better-sqlite3 is native, pino starts worker threads from its files,
// swagger-ui-dist serves its files, and pg and graphile-worker load optional parts at run time.
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { nodeBundle } from './esbuild-node.mjs';

const pkg = JSON.parse(readFileSync(new URL('../packages/hub/package.json', import.meta.url), 'utf8'));
const external = ['better-sqlite3', 'pino', 'swagger-ui-dist', 'pg', 'graphile-worker'];
const unknown = external.filter((name) => !(name in pkg.dependencies));
if (unknown.length) throw new Error(`build-hub.mjs keeps external packages the hub no longer depends on: ${unknown.join(', ')}`);
await build({
  ...nodeBundle,
  entryPoints: ['packages/hub/src/cli.ts'],
  outfile: 'packages/hub/dist/duohub.mjs',
  // Subpath imports (hono/..., @hono/node-server/...) are external too.
  external: external.flatMap((name) => [name, `${name}/*`]),
});
// V8 keeps a module's source in memory as one string, one byte a character only while every character
// fits in Latin-1: a single curly apostrophe in a regular expression (esbuild escapes strings but leaves
// regex literals and comments as written) doubled the bundle's 1.9 MB in every hub's heap. Our own
// source must escape such characters (the build names them); in bundled packages (a dash in a comment
// of zod's) each is written as \uXXXX, which means the same character in a string, a template, a
// regular expression or an identifier, and is only text in a comment.
const out = 'packages/hub/dist/duohub.mjs';
const text = readFileSync(out, 'utf8');
// esbuild starts each module's code with a line naming its file.
const modules = [...text.matchAll(/^\/\/ ((?:packages|node_modules)\/\S+)$/gm)].map((m) => ({ at: m.index, file: m[1] }));
for (const m of text.matchAll(/[^\x00-\xff]/gu)) {
  const file = modules.findLast((mod) => mod.at < m.index)?.file ?? '(bundle preamble)';
  if (!file.startsWith('node_modules/')) {
    const code = m[0].codePointAt(0).toString(16).padStart(4, '0');
    throw new Error(`${out} holds U+${code} from ${file}: write it as \\u${code} in the source`);
  }
}
writeFileSync(out, text.replace(/[^\x00-\xff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
console.log('built packages/hub/dist/duohub.mjs');
