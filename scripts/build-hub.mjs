// Bundles the hub's CLI (with the SDK and the emulator, which ship as TypeScript) into ES modules in
// packages/hub/dist: duohub.mjs, which plain Node runs without tsx (the way to run `duohub serve` in
// production: tsx's loader thread alone costs about 45 MB), and the chunks it imports. Third-party
// packages written in plain JavaScript are bundled too: resolving and loading each from node_modules
// was a third of every CLI start (`--version` took 0.62-0.77 s, 0.37-0.43 s bundled). Those that must
// load from their own files stay external: better-sqlite3 is native, pino starts worker threads from
// its files, swagger-ui-dist serves its files, and pg and graphile-worker load optional parts at run time.
// Code split at the CLI's dynamic imports (the store, the server, the job runners, the action catalog):
// a command that talks to a running hub compiles and initialises only what it uses; one bundle made
// every command compile 3.7 MB and build every action's schema first (`--version` took 0.45 s).
// Chunks sit beside duohub.mjs, so paths found from import.meta.url (the web UI) hold in each.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { nodeBundle } from './esbuild-node.mjs';

const pkg = JSON.parse(readFileSync(new URL('../packages/hub/package.json', import.meta.url), 'utf8'));
const external = ['better-sqlite3', 'pino', 'swagger-ui-dist', 'pg', 'graphile-worker'];
const unknown = external.filter((name) => !(name in pkg.dependencies));
if (unknown.length) throw new Error(`build-hub.mjs keeps external packages the hub no longer depends on: ${unknown.join(', ')}`);
const dist = 'packages/hub/dist';
// A build names its chunks by content: drop the last build's, which nothing imports any more.
mkdirSync(dist, { recursive: true });
for (const name of readdirSync(dist)) if (/^(duohub|chunk-).*\.mjs$/.test(name)) rmSync(path.join(dist, name));
const result = await build({
  ...nodeBundle,
  entryPoints: { duohub: 'packages/hub/src/cli.ts' },
  outdir: dist,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  outExtension: { '.js': '.mjs' },
  write: false,
  // Subpath imports (hono/..., @hono/node-server/...) are external too.
  external: external.flatMap((name) => [name, `${name}/*`]),
});
// V8 keeps a module's source in memory as one string, one byte a character only while every character
// fits in Latin-1: a single curly apostrophe in a regular expression (esbuild escapes strings but leaves
// regex literals and comments as written) doubled the bundle's 1.9 MB in every hub's heap. Our own
// source must escape such characters (the build names them); in bundled packages (a dash in a comment
// of zod's) each is written as \uXXXX, which means the same character in a string, a template, a
// regular expression or an identifier, and is only text in a comment.
for (const file of result.outputFiles) {
  const out = path.relative(process.cwd(), file.path);
  const text = file.text;
  // esbuild starts each module's code with a line naming its file.
  const modules = [...text.matchAll(/^\/\/ ((?:packages|node_modules)\/\S+)$/gm)].map((m) => ({ at: m.index, file: m[1] }));
  for (const m of text.matchAll(/[^\x00-\xff]/gu)) {
    const source = modules.findLast((mod) => mod.at < m.index)?.file ?? '(bundle preamble)';
    if (!source.startsWith('node_modules/')) {
      const code = m[0].codePointAt(0).toString(16).padStart(4, '0');
      throw new Error(`${out} holds U+${code} from ${source}: write it as \\u${code} in the source`);
    }
  }
  writeFileSync(file.path, text.replace(/[^\x00-\xff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
console.log(`built ${dist}/duohub.mjs and ${result.outputFiles.length - 1} chunks`);
