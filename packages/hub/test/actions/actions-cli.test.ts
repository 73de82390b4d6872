import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitRunArgs } from '../../src/actions/action-commands.js';
import { catalog, findAction } from '../../src/actions/catalog.js';
import { runCli } from '../../src/cli.js';
import { contractCases } from './contract-cases.js';
import { startHubFixture, type HubFixture } from './hub-fixture.js';

let h: HubFixture;
beforeAll(async () => {
  h = await startHubFixture();
});
afterAll(async () => {
  await h?.close();
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'duohub', ...args], { io: { out: (t) => void (out += t), err: (t) => void (err += t) }, env: h.env });
  return { code, out, err };
}

/** An input object as `--field value` flags, the way a person would type it. */
function toFlags(input: Record<string, unknown>): string[] {
  const flags: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    const flag = `--${key.replace(/_/g, '-')}`;
    if (typeof value === 'boolean') flags.push(value ? flag : `--no-${key.replace(/_/g, '-')}`);
    // A list of objects (bulk users, bulk operations) is typed as one JSON array.
    else if (Array.isArray(value) && value.some((v) => v && typeof v === 'object')) flags.push(flag, JSON.stringify(value));
    else if (Array.isArray(value)) for (const v of value) flags.push(flag, String(v));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) flags.push(`${flag}.${k}`, String(v));
    else flags.push(flag, String(value));
  }
  return flags;
}

const target = (c: { on?: string }) => ['--integration', h.integrationId, ...(c.on === 'child' ? ['--org', h.childOrgId] : [])];

describe.each(contractCases)('CLI $id', (c) => {
  it('runs with valid input given as flags', async () => {
    const valid = await c.valid(h.fx, async (id, input) => {
      // --yes: a destructive action refuses to run without it when no one is at a terminal.
      const r = await cli(['run', id, ...target(c), ...toFlags(input as Record<string, unknown>), '--yes', '--json']);
      expect(r.code, r.err).toBe(0);
      return JSON.parse(r.out).output;
    });
    const r = await cli(['run', c.id, ...target(c), ...toFlags(valid.input as Record<string, unknown>), '--yes', '--json']);
    expect(r.code, r.err + r.out).toBe(0);
    valid.check(JSON.parse(r.out).output, h.fx);
  });

  it('rejects invalid input naming the field', async () => {
    const r = await cli(['run', c.id, ...target(c), ...toFlags(c.invalid.input as Record<string, unknown>)]);
    if (r.code === 2) {
      // Unknown fields are refused before the call, by the flag parser.
      expect(r.err).toContain(`--${c.invalid.field}`);
    } else {
      expect(r.code).toBe(1);
      expect(r.err).toContain('validation_failed');
      expect(r.err).toContain(`input.${c.invalid.field}`);
    }
  });

  if (findAction(c.id)?.destructive) {
    it('--dry-run changes nothing', async () => {
      const d = c.dryRun!(h.fx);
      const before = d.snapshot();
      const r = await cli(['run', c.id, ...target(c), ...toFlags(d.input as Record<string, unknown>), '--dry-run']);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^DRY RUN: would/);
      expect(d.snapshot()).toEqual(before);
    });
  }
});

describe('CLI surfaces', () => {
  it('passes a Duo 40401 through with its code', async () => {
    const r = await cli(['run', 'users.get', ...target({}), '--user-id', 'DUNOSUCHUSER00000000']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('not_found');
    expect(r.err).toContain('40401');
  });

  it('lists every catalog entry in `duohub actions list`', async () => {
    const table = await cli(['actions', 'list']);
    expect(table.code).toBe(0);
    for (const action of catalog) expect(table.out).toContain(action.id);
    const json = await cli(['actions', 'list', '--json']);
    expect(JSON.parse(json.out).items.map((a: { id: string }) => a.id).sort()).toEqual(catalog.map((a) => a.id).sort());
  });

  it('reads --input files, with flags overriding them, and runs against a running hub with --url', async () => {
    const file = path.join(h.env.DUOHUB_DATA_DIR, 'input.json');
    await writeFile(file, JSON.stringify({ limit: 50, offset: 0 }));
    const local = await cli(['run', 'users.list', ...target({}), '--input', file, '--limit', '2', '--json']);
    expect(JSON.parse(local.out).output.items).toHaveLength(2);
    const remote = await cli(['run', 'users.list', ...target({}), '--input', file, '--url', h.url, '--token', h.tokens.operate, '--json']);
    expect(remote.code, remote.err).toBe(0);
    expect(JSON.parse(remote.out).output.items.length).toBe(Math.min(50, Object.keys(h.fx.parent.users).length));
    const denied = await cli(['run', 'users.list', ...target({}), '--url', h.url, '--token', h.tokens.read]);
    expect(denied.code).toBe(1);
    expect(denied.err).toContain('forbidden');
  });

  it('shows flags derived from the input schema, and refuses unknown ones', async () => {
    const show = await cli(['actions', 'show', 'bypass_codes.create_for_user']);
    expect(show.out).toContain('--preserve-existing');
    expect(show.out).toContain('--codes <array>');
    const unknown = await cli(['run', 'users.list', ...target({}), '--colour', 'red']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown flag --colour');
  });

  it.each([
    [['--integration', 'i1', '--user-id', 'DU1', '--json'], { integration: 'i1', json: true }, ['--user-id', 'DU1']],
    [['--org=o1', '--dry-run', '--limit', '3'], { org: 'o1', dryRun: true }, ['--limit', '3']],
  ])('splitRunArgs %j', (args, options, rest) => {
    expect(splitRunArgs(args)).toEqual({ options, rest, errors: [] });
  });
});
