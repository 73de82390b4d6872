// temporary profiling driver (not part of the repo; deleted after)
import { fork, spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
const [accounts = '40', users = '2500', mode = 'off', nodeFlags = ''] = process.argv.slice(2);
const emu = fork(fileURLToPath(new URL('./emulator-process.ts', import.meta.url)), [accounts, users, '1'], { execArgv: ['--expose-gc', '--max-semi-space-size=64', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const msgs: any[] = []; let w: ((m: any) => void) | undefined;
emu.on('message', (m) => (w ? (w(m), (w = undefined)) : msgs.push(m)));
const next = () => new Promise<any>((r) => (msgs.length ? r(msgs.shift()) : (w = r)));
const ready = await next();
emu.send(mode === 'off' ? { type: 'configure', faults: [], rateLimits: false } : { type: 'configure', faults: [{ latencyMs: 50 }], rateLimits: { classes: { admin_get_page: { perMinute: 200, burst: 5 } } } });
await next();
const dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-prof-'));
const TOKEN = 'dh_bench_admin_token_0123456789abcdef';
const hub = spawn(process.execPath, [...nodeFlags.split(' ').filter(Boolean), fileURLToPath(new URL('../dist/duohub.mjs', import.meta.url)), 'serve', '--port', '0'], {
  env: { PATH: process.env.PATH, HOME: process.env.HOME, DUOHUB_DATA_DIR: dataDir, DUOHUB_ADMIN_TOKEN: TOKEN, DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS: 'true', ...(process.env.HUB_EXTRA ? JSON.parse(process.env.HUB_EXTRA) : {}) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = ''; let url: string | undefined;
hub.stdout!.on('data', (d) => { if (url) return; out += d; url = /"url":"([^"]+)"/.exec(out)?.[1]; });
while (!url) await new Promise((r) => setTimeout(r, 50));
const api = async (m: string, p: string, body?: unknown) => { const r = await fetch(url + p, { method: m, headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) }); const t = await r.text(); return t ? JSON.parse(t) : null; };
const k = ready.accountsKeys;
const integ = await api('POST', '/api/integrations', { name: 'p', base_url: ready.url, accounts: { api_host: k.host, integration_key: k.ikey, secret_key: k.skey } });
const status = async (f: string) => Number(/^\S+:\s+(\d+)/m.exec((await readFile(`/proc/${hub.pid}/status`, 'utf8')).split('\n').find((l) => l.startsWith(f))!)![1]) / 1024;
for (let i = 0; i < Number(process.env.RUNS ?? 2); i++) {
  await writeFile(`/proc/${hub.pid}/clear_refs`, '5');
  const t0 = performance.now();
  const run = await api('POST', '/api/reports/mfa-coverage/runs', { integrationId: integ.id });
  let polls = 0;
  for (;;) { const r = await api('GET', `/api/reports/mfa-coverage/runs/${run.id}`); polls++; if (r.status === 'done') break; if (r.status !== 'running' && r.status !== 'queued') throw new Error(JSON.stringify(r)); await new Promise((r) => setTimeout(r, 250)); }
  const rep = await api('GET', `/api/reports/mfa-coverage?run=${run.id}`);
  console.log(`run ${i}: ${((performance.now() - t0) / 1000).toFixed(2)} s users ${rep.totals.counts.users} peak ${(await status('VmHWM')).toFixed(0)} MB polls ${polls}`);
}
hub.kill('SIGTERM'); await new Promise((r) => hub.once('exit', r));
emu.send({ type: 'close' }); await new Promise((r) => emu.once('exit', r));
