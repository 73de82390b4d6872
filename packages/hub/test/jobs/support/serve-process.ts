import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/duohub.js');

/** A `duohub serve` child process on a free port. */
export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  token: string;
  api(method: string, p: string, o?: { token?: string | null; body?: unknown }): Promise<{ status: number; body: any; text: string }>;
  /** SIGKILL: no shutdown code runs, as in a crash or an OOM kill. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  output(): string;
}

/** Spawns `duohub serve --port 0` with `env` (plus PATH, HOME, and custom Duo origins allowed: the emulator is local) and waits until it listens. */
export async function startServeProcess(env: Record<string, string>): Promise<ServeProcess> {
  const token = env.DUOHUB_ADMIN_TOKEN;
  if (!token) throw new Error('pass DUOHUB_ADMIN_TOKEN');
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DUOHUB_LOG_LEVEL: 'info', DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS: 'true', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let url: string | undefined;
  while (!url) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`duohub serve exited early:\n${stdout}\n${stderr}`);
    const line = stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg?: string; url?: string })
      .find((l) => l.msg === 'duohub listening');
    url = line?.url;
    if (!url) await new Promise((r) => setTimeout(r, 50));
  }
  const base = url;
  return {
    child,
    url: base,
    token,
    async api(method, p, o = {}) {
      const headers: Record<string, string> = {};
      const bearer = o.token === undefined ? token : o.token;
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      if (o.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(base + p, { method, headers, ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}) });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      return { status: res.status, body, text };
    },
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    output: () => `${stdout}\n${stderr}`,
  };
}
