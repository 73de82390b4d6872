/**
 * The benchmark's hub: the bundled `duohub serve` (packages/hub/dist/duohub.mjs, as shipped) on a fresh
 * data dir with its defaults, plus a REST helper and its peak memory as the kernel counts it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A running hub process. */
export interface HubProcess {
  child: ChildProcess;
  url: string;
  token: string;
  dataDir: string;
  api(method: string, p: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Starts a new peak: the kernel's high-water mark of resident memory is reset. */
  resetPeak(): Promise<void>;
  /** Peak resident memory since the last reset (or start), bytes. */
  peakRss(): Promise<number>;
  /** CPU time the process has used since it started (user + system), seconds; 0 where /proc cannot tell. */
  cpuSeconds(): Promise<number>;
  /** Its main thread's alone (see `procMainThreadCpuSeconds`). */
  mainThreadCpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

const TOKEN = 'dh_bench_admin_token_0123456789abcdef';

/** Reads a `Vm...: N kB` line of /proc/PID/status, in bytes. */
async function procStatus(pid: number, field: 'VmHWM' | 'VmRSS'): Promise<number> {
  const text = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1];
  return kb === undefined ? 0 : Number(kb) * 1024;
}

// /proc/PID/stat counts CPU time in clock ticks: 100 a second on Linux (USER_HZ; `getconf CLK_TCK`).
const TICKS_PER_SECOND = 100;

/** User plus system CPU time of a process from /proc/PID/stat, seconds. */
export async function procCpuSeconds(pid: number, statPath = `/proc/${pid}/stat`): Promise<number> {
  const stat = await readFile(statPath, 'utf8');
  // Fields after the command name (which may hold spaces, so split after its closing parenthesis):
  // state is the 3rd field of the line, utime the 14th and stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/**
 * A process's CPU time on its main thread alone (seconds; /proc/PID/task/PID/stat): JavaScript and the
 * garbage collector's pauses. The rest of `procCpuSeconds` is other threads': V8's concurrent and
 * parallel GC helpers, libuv's pool (SQLite through better-sqlite3 runs on the main thread).
 */
export async function procMainThreadCpuSeconds(pid: number): Promise<number> {
  return procCpuSeconds(pid, `/proc/${pid}/task/${pid}/stat`);
}

// Node flags for the hub processes, for looking inside one (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof",
// which NODE_OPTIONS refuses): DUOHUB_BENCH_HUB_NODE_ARGS, space-separated; none by default.
const HUB_NODE_ARGS = (process.env.DUOHUB_BENCH_HUB_NODE_ARGS ?? '').split(' ').filter(Boolean);
// Where each hub's whole stdout goes (hub-PID.log), for what those flags print there (--trace-gc and
// the like go to stdout, past the startup lines read here): DUOHUB_BENCH_HUB_STDOUT_DIR; dropped by default.
const HUB_STDOUT_DIR = process.env.DUOHUB_BENCH_HUB_STDOUT_DIR;

/** Starts `node <bundle> serve --port 0` with only what a user sets to reach a local emulator. */
export async function startHubProcess(bundle: string, extraEnv: Record<string, string> = {}): Promise<HubProcess> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-bench-'));
  const child = spawn(process.execPath, [...HUB_NODE_ARGS, bundle, 'serve', '--port', '0'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DUOHUB_DATA_DIR: dataDir,
      DUOHUB_ADMIN_TOKEN: TOKEN,
      DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS: 'true',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let url: string | undefined;
  const tee = HUB_STDOUT_DIR ? createWriteStream(path.join(HUB_STDOUT_DIR, `hub-${child.pid}.log`)) : undefined;
  child.stdout!.on('data', (d) => {
    tee?.write(d);
    if (url) return; // drained, not kept: the log is not what is measured
    stdout += d;
    const line = stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg?: string; url?: string })
      .find((l) => l.msg === 'duohub listening');
    url = line?.url;
  });
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = Date.now();
  while (!url) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`duohub serve exited early:\n${stdout}\n${stderr}`);
    if (Date.now() - started > 60_000) throw new Error(`duohub serve did not listen within 60 s:\n${stdout}\n${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const base = url;
  const pid = child.pid!;
  let manualPeak = 0;
  let sampler: NodeJS.Timeout | undefined;
  return {
    child,
    url: base,
    token: TOKEN,
    dataDir,
    async api(method, p, body) {
      const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(base + p, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
    },
    async resetPeak() {
      clearInterval(sampler);
      manualPeak = 0;
      try {
        // Writing 5 resets the process's VmHWM to its current RSS (Linux 4.0+).
        await writeFile(`/proc/${pid}/clear_refs`, '5');
      } catch {
        // Not allowed here: sample VmRSS instead (every 20 ms; a peak between samples can be missed).
        sampler = setInterval(() => void procStatus(pid, 'VmRSS').then((n) => (manualPeak = Math.max(manualPeak, n)), () => {}), 20);
      }
    },
    async peakRss() {
      return sampler ? manualPeak : procStatus(pid, 'VmHWM');
    },
    async cpuSeconds() {
      return procCpuSeconds(pid).catch(() => 0);
    },
    async mainThreadCpuSeconds() {
      return procMainThreadCpuSeconds(pid).catch(() => 0);
    },
    async stop() {
      clearInterval(sampler);
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
