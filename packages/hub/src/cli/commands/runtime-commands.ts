import { loadConfig } from '../../config/load-config.js';
import { defineCommand } from '../define-command.js';
import { listenOrExplain } from '../describe-listen-error.js';

function parsePort(value: unknown, flag = '--port'): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(String(value)) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${flag} must be an integer between 0 and 65535 (got ${JSON.stringify(String(value))})`);
  }
  return port;
}

/** `duohub serve`: the API, docs, metrics and UI on one port, until SIGINT/SIGTERM. */
export const serveCommand = defineCommand({
  name: 'serve',
  description: 'run the hub (port from DUOHUB_PORT, default 8787; JSON logs on stdout)',
  options: [
    { flags: '--port <port>', description: 'port to listen on (overrides DUOHUB_PORT)' },
    { flags: '--host <host>', description: 'interface to listen on (overrides DUOHUB_HOST, default 127.0.0.1)' },
  ],
  run: async (ctx) => {
    const port = parsePort(ctx.options.port);
    // Loaded when run: every other command starts without compiling the server (see open-cli-client.ts).
    const { runServe } = await import('../../server/run-serve.js');
    return listenOrExplain(
      () =>
        runServe({
          env: ctx.env,
          io: ctx.io,
          ...(port !== undefined ? { port } : {}),
          ...(ctx.options.host ? { host: String(ctx.options.host) } : {}),
        }),
      'the hub',
      port ?? loadConfig(ctx.env).port,
      '--port',
      port === undefined && ctx.env.DUOHUB_PORT ? 'DUOHUB_PORT' : undefined,
    );
  },
});

/** `duohub demo`: emulator + hub + integration + organizations + applied suggestions. */
export const demoCommand = defineCommand({
  name: 'demo',
  description: 'start the Duo emulator and a hub on a temp store, connect them, map demo organizations, and serve',
  options: [
    { flags: '--port <port>', description: 'hub port (default DUOHUB_PORT or 8787; 0 picks a free one)' },
    { flags: '--emulator-port <port>', description: 'Duo emulator port (default 0: a free one)' },
    { flags: '--exit-after-setup', description: 'stop once everything is set up (for scripts and tests)' },
    { flags: '--json', description: 'print the summary as JSON' },
  ],
  run: async (ctx) => {
    const port = parsePort(ctx.options.port);
    const emulatorPort = parsePort(ctx.options.emulatorPort, '--emulator-port');
    const { runDemo } = await import('../../demo/run-demo.js');
    const { code } = await runDemo({
      io: ctx.io,
      env: ctx.env,
      ...(port !== undefined ? { port } : {}),
      ...(emulatorPort !== undefined ? { emulatorPort } : {}),
      exitAfterSetup: Boolean(ctx.options.exitAfterSetup),
      json: Boolean(ctx.options.json),
    });
    return code;
  },
});

/** `duohub emulator ...`: the emulator's own command, unchanged. */
export const emulatorCommand = defineCommand({
  name: 'emulator',
  description: 'run the local Duo emulator (same options as duohub-emulator; try `duohub emulator --help`)',
  passThrough: true,
  run: async (ctx) => {
    const { runEmulatorCli } = await import('@duohub/emulator');
    const argv = (ctx.args[0] as string[] | undefined) ?? [];
    const handle = await runEmulatorCli(argv, {
      stdout: { write: (t: string) => ctx.io.out(t) },
      stderr: { write: (t: string) => ctx.io.err(t) },
    });
    if (!handle) return typeof process.exitCode === 'number' ? process.exitCode : 0;
    // The emulator's own signal handlers close it and exit; keep this promise pending until then.
    await new Promise(() => {});
    return 0;
  },
});
