import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../src/index.js';
import { parseEmulatorArgs, runEmulatorCli } from '../src/cli.js';

describe('parseEmulatorArgs', () => {
  it.each<[string, string[], Partial<ReturnType<typeof parseEmulatorArgs>>]>([
    ['defaults', [], { port: 8780, host: '127.0.0.1', printCredentials: false, options: {} }],
    ['port and host', ['--port', '0', '--host', '0.0.0.0'], { port: 0, host: '0.0.0.0' }],
    ['demo seed', ['--seed', 'demo'], { options: { seed: 'demo' } }],
    ['fleet seed', ['--seed', 'fleet:20x50'], { options: { seed: { fleet: { accounts: 20, usersPerAccount: 50 } } } }],
    ['latency', ['--latency', '25'], { options: { faults: [{ latencyMs: 25 }] } }],
    ['rate limit off', ['--rate-limit', 'off'], { options: { rateLimits: false } }],
    ['rate limit on', ['--rate-limit', 'on'], { options: { rateLimits: {} } }],
    ['inline faults', ['--faults', '[{"path":"/admin","serverErrorRate":0.1}]'], { options: { faults: [{ path: '/admin', serverErrorRate: 0.1 }] } }],
    ['random seed', ['--random-seed', '42'], { options: { randomSeed: 42 } }],
    ['print credentials', ['--print-credentials'], { printCredentials: true }],
  ])('%s', (_name, argv, want) => {
    expect(parseEmulatorArgs(argv)).toMatchObject(want);
  });

  it('a per-minute rate limit applies to every class', () => {
    const { options } = parseEmulatorArgs(['--rate-limit', '30']);
    expect(options.rateLimits && options.rateLimits.classes?.admin_get_page).toEqual({ perMinute: 30, burst: 30 });
    expect(options.rateLimits && Object.keys(options.rateLimits.classes ?? {})).toHaveLength(7);
  });

  it('reads --state and --faults files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duohub-emu-'));
    const state = createEmulator().exportState();
    writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
    writeFileSync(join(dir, 'faults.json'), JSON.stringify([{ resetRate: 0.5 }]));
    const config = parseEmulatorArgs(['--state', join(dir, 'state.json'), '--faults', join(dir, 'faults.json'), '--latency', '5']);
    expect(config.options.seed).toEqual(state);
    expect(config.options.faults).toEqual([{ latencyMs: 5 }, { resetRate: 0.5 }]);
  });

  it.each<[string, string[], RegExp]>([
    ['bad port', ['--port', 'http'], /--port/],
    ['port out of range', ['--port', '70000'], /--port/],
    ['bad seed', ['--seed', 'fleet:3'], /--seed/],
    ['seed and state', ['--seed', 'demo', '--state', 'x.json'], /either --seed or --state/],
    ['bad rate limit', ['--rate-limit', 'fast'], /--rate-limit/],
    ['bad faults JSON', ['--faults', '[{'], /--faults/],
    ['unknown flag', ['--nope'], /nope/],
  ])('%s', (_name, argv, message) => {
    expect(() => parseEmulatorArgs(argv)).toThrow(message);
  });
});

describe('runEmulatorCli', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, handleSignals: false } };
  };

  it('starts, prints credentials as JSON on stdout, serves, and closes', async () => {
    const { out, err, io } = capture();
    const handle = await runEmulatorCli(['--port', '0', '--print-credentials', '--random-seed', '7'], io);
    expect(handle).toBeDefined();
    try {
      const printed = JSON.parse(out.join('')) as { url: string; accounts: Array<{ integrations: unknown[] }> };
      expect(printed.url).toBe(handle!.url);
      expect(printed.accounts[0]!.integrations).toHaveLength(3);
      expect(err.join('')).toContain(handle!.url);
      expect((await fetch(`${handle!.url}/__emulator/stats`)).status).toBe(200);
    } finally {
      await handle!.close();
    }
  });

  it('prints the URL and exits with code 2 on a usage error', async () => {
    const ok = capture();
    const handle = await runEmulatorCli(['--port', '0'], ok.io);
    await handle!.close();
    expect(ok.out.join('')).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    const bad = capture();
    const previous = process.exitCode;
    expect(await runEmulatorCli(['--seed', 'nope'], bad.io)).toBeUndefined();
    expect(process.exitCode).toBe(2);
    process.exitCode = previous;
    expect(bad.err.join('')).toContain('Usage: duohub-emulator');
  });
});
