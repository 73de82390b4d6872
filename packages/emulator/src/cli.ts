import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ENDPOINT_CLASSES } from '@duohub/sdk';
import { createEmulator } from './create-emulator.js';
import type { Emulator } from './emulator.js';
import type { EmulatorOptions, FaultRule, RateLimitOptions } from './route.js';
import type { EmulatorState } from './state/types.js';

const USAGE = `Usage: duohub-emulator [options]

A local Cisco Duo (Admin, Accounts and Auth APIs) for tests and demos.

Options:
  --port N                 port to listen on (default 8780; 0 picks a free port)
  --host HOST              interface to bind (default 127.0.0.1)
  --seed empty|demo|fleet:NxM
                           initial data (default empty): fleet:20x50 is 20 child accounts of 50 users
  --state FILE             initial data from an exported state (GET /__emulator/state)
  --latency MS             add MS milliseconds to every answer
  --rate-limit off|on|N    Duo-like rate limits (on), none (off, default), or N requests/minute per class
  --faults JSON|FILE       fault rules: a JSON array (or a file holding one)
  --random-seed N          seed for ids, codes and faults (default 1)
  --print-credentials      print every integration's keys as JSON on stdout
  --help                   show this text
`;


/** What the command line asks for. */
export interface EmulatorCliConfig {
  options: EmulatorOptions;
  port: number;
  host: string;
  printCredentials: boolean;
  help: boolean;
}

/** Parses the command line; throws a TypeError naming the bad flag. Reads `--state`/`--faults` files. */
export function parseEmulatorArgs(argv: readonly string[]): EmulatorCliConfig {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      state: { type: 'string' },
      latency: { type: 'string' },
      'rate-limit': { type: 'string' },
      faults: { type: 'string' },
      'random-seed': { type: 'string' },
      'print-credentials': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const options: EmulatorOptions = {};
  const port = values.port === undefined ? 8780 : integer('--port', values.port, 0, 65535);

  if (values.seed !== undefined && values.state !== undefined) throw new TypeError('use either --seed or --state, not both');
  if (values.seed !== undefined) options.seed = parseSeed(values.seed);
  if (values.state !== undefined) options.seed = JSON.parse(readFileSync(values.state, 'utf8')) as EmulatorState;

  const faults: FaultRule[] = [];
  if (values.latency !== undefined) faults.push({ latencyMs: integer('--latency', values.latency, 0, 600_000) });
  if (values.faults !== undefined) faults.push(...parseFaults(values.faults));
  if (faults.length > 0) options.faults = faults;

  if (values['rate-limit'] !== undefined) options.rateLimits = parseRateLimit(values['rate-limit']);
  if (values['random-seed'] !== undefined) {
    options.randomSeed = integer('--random-seed', values['random-seed'], 0, 2 ** 32 - 1);
  }
  return {
    options,
    port,
    host: values.host ?? '127.0.0.1',
    printCredentials: values['print-credentials'] ?? false,
    help: values.help ?? false,
  };
}

function integer(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new TypeError(`${flag} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}

function parseSeed(text: string): NonNullable<EmulatorOptions['seed']> {
  if (text === 'empty' || text === 'demo') return text;
  const fleet = /^fleet:(\d+)x(\d+)$/.exec(text);
  if (fleet) return { fleet: { accounts: Number(fleet[1]), usersPerAccount: Number(fleet[2]) } };
  throw new TypeError(`--seed must be empty, demo or fleet:NxM, got ${JSON.stringify(text)}`);
}

function parseRateLimit(text: string): RateLimitOptions {
  if (text === 'off') return false;
  if (text === 'on') return {};
  const perMinute = integer('--rate-limit', text, 1, 1_000_000);
  return { classes: Object.fromEntries(ENDPOINT_CLASSES.map((c) => [c, { perMinute, burst: perMinute }])) };
}

function parseFaults(text: string): FaultRule[] {
  const source = /^\s*[[{]/.test(text) ? text : readFileSync(text, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    throw new TypeError('--faults must be a JSON array of fault rules, or a file holding one');
  }
  const rules = Array.isArray(parsed) ? parsed : [parsed];
  if (!rules.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) {
    throw new TypeError('--faults must be a JSON array of fault rule objects');
  }
  return rules as FaultRule[];
}

/** A running emulator started from the command line. */
export interface EmulatorCliHandle {
  emulator: Emulator;
  url: string;
  close(): Promise<void>;
}

/** Where the CLI writes; the hub's `duohub emulator` passes its own streams. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Install SIGINT/SIGTERM handlers that close the server and exit. Default true. */
  handleSignals?: boolean;
}

/**
 * Runs `duohub-emulator` with `argv` (without node and script): starts the server, prints its URL
 * (and, when asked, credentials as JSON on stdout), and shuts down cleanly on SIGINT/SIGTERM.
 * Resolves to undefined after `--help` or a usage error (exit code set to 2).
 */
export async function runEmulatorCli(
  argv: readonly string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<EmulatorCliHandle | undefined> {
  let config: EmulatorCliConfig;
  try {
    config = parseEmulatorArgs(argv);
  } catch (error) {
    io.stderr.write(`duohub-emulator: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exitCode = 2;
    return undefined;
  }
  if (config.help) {
    io.stdout.write(USAGE);
    return undefined;
  }
  const emulator = createEmulator(config.options);
  const server = await emulator.listen({ port: config.port, host: config.host });
  if (config.printCredentials) {
    // stdout stays pure JSON for scripts; the human line goes to stderr.
    io.stderr.write(`duohub-emulator listening on ${server.url}\n`);
    io.stdout.write(JSON.stringify({ url: server.url, ...emulator.credentials() }, null, 2) + '\n');
  } else {
    io.stdout.write(`duohub-emulator listening on ${server.url}\n`);
    io.stdout.write(`credentials: ${server.url}/__emulator/credentials\n`);
  }
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= emulator.close());
  if (io.handleSignals !== false) {
    const stop = (signal: NodeJS.Signals) => {
      io.stderr.write(`duohub-emulator: ${signal}, shutting down\n`);
      void close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  return { emulator, url: server.url, close };
}
