import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { DEMO_LOG_SYNC_MS, runDemo } from '../../src/demo/run-demo.js';

/**
 * `duohub demo` syncs its emulator's logs (which hold the demo seed's authentication history and
 * Trust Monitor events, and record what the demo does): every demo organization ends up with stored
 * events, the sync runs on a one-minute schedule, alerts are evaluated, and no forwarding destination
 * exists until the newcomer adds one, which the demo tells them how to do.
 */
describe('the demo syncs Duo logs', () => {
  let out = '';
  let stop: () => void;
  let finished: Promise<{ code: number }>;
  let hubUrl: string;
  let token: string;
  const api = async (path: string) => {
    const res = await fetch(`${hubUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as any;
  };

  beforeAll(async () => {
    let release!: () => void;
    const until = new Promise<void>((r) => (release = r));
    stop = release;
    finished = runDemo({ io: { out: (t) => void (out += t), err: () => {} }, env: {}, port: 0, emulatorPort: 0, until, webDist: null });
    for (let i = 0; i < 1200 && !out.includes('Serving until interrupted'); i++) await new Promise((r) => setTimeout(r, 50));
    hubUrl = /hub at (http:\/\/\S+)/.exec(out)![1]!;
    token = /Admin token: (\S+)/.exec(out)![1]!;
  }, 90_000);

  afterAll(async () => {
    stop?.();
    expect((await finished).code).toBe(0);
  });

  it('says it syncs logs and how to add a destination, and has none', async () => {
    expect(out).toMatch(/Started syncing Duo's logs: \d+ log\(s\) of 4 account\(s\), then every 60 s\./);
    expect(DEMO_LOG_SYNC_MS).toBe(60_000);
    expect(out).toContain('No forwarding destination is configured.');
    expect(out).toMatch(/npx duohub logs destinations add --name SIEM --webhook \S+ .*--url http:\/\/\S+ --token \S+/);
    expect((await api('/api/log-destinations')).items).toEqual([]);
  });

  it('the printed command adds a destination (a receiver on this machine is allowed in the demo)', async () => {
    const line = /npx duohub (logs destinations add --name Syslog .*)/.exec(out)![1]!;
    let err = '';
    const code = await runCli(['node', 'duohub', ...line.trim().split(/\s+/)], { io: { out: () => {}, err: (t) => void (err += t) }, env: {} });
    expect(code, err).toBe(0);
    expect((await api('/api/log-destinations')).items).toEqual([expect.objectContaining({ name: 'Syslog', kind: 'syslog' })]);
  });

  it('every demo organization ends up with stored log events', async () => {
    const orgs = (await api('/api/organizations')).items.filter((o: { duo_account_id: string | null }) => o.duo_account_id) as Array<{ id: string; name: string }>;
    expect(orgs.length).toBe(3);
    for (const org of orgs) {
      await expect.poll(async () => (await api(`/api/logs?organization_id=${org.id}&log_type=authentication&limit=1`)).items.length, { timeout: 60_000, interval: 250 }).toBe(1);
    }
    // The sync finished every unit it was asked for, without errors, and the dashboard counts the stored entries.
    await expect
      .poll(
        async () => {
          const units = (await api('/api/logs/sync')).items as Array<{ state: string; last_finished_at: string | null; last_error: unknown }>;
          return units.length > 0 && units.every((u) => u.state === 'idle' && u.last_finished_at !== null && u.last_error === null);
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBe(true);
    const dash = await api(`/api/logs/dashboard?organization_id=${orgs[0]!.id}&since=2000-01-01`);
    expect(dash.totals.authentications).toBeGreaterThan(0);
    const trust = await api('/api/logs?log_type=trust_monitor&limit=1');
    expect(trust.items.length).toBe(1);
  });
});
