import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type ListeningServer } from '../src/index.js';
import type { Account, User } from '../src/state/types.js';

// Debian's interpreter: the python3 first on PATH here is a separate build that cannot see apt packages.
const PYTHON = process.env['DUOHUB_PYTHON'] ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./support-bulk/bulk_client.py', import.meta.url));
const available = spawnSync(PYTHON, ['-c', 'import duo_client'], { encoding: 'utf8' }).status === 0;

if (!available && !process.env['CI']) console.warn('[python-client-bulk.test] skipped: python3-duo-client is not importable');

describe.skipIf(!available)("Debian's python3-duo-client at the bulk, Trash and verification endpoints over a port", () => {
  let emu: Emulator;
  let server: ListeningServer;
  let out: any;
  let parent: Account;
  let pushUser: User;

  beforeAll(async () => {
    emu = createEmulator({ seed: 'demo' });
    parent = emu.state.accounts[emu.state.parent_account_id]!;
    pushUser = Object.values(parent.users).find((u) => u.phone_ids.some((id) => parent.phones[id]!.activated && parent.phones[id]!.capabilities.includes('push')))!;
    pushUser.push_script = { outcome: 'deny', afterMs: 300 };
    server = await emu.listen({ port: 0, host: '127.0.0.1' });
    const admin = Object.values(parent.integrations).find((i) => i.type === 'admin')!;
    const cfg = {
      port: server.port,
      ikey: admin.integration_key,
      skey: admin.secret_key,
      push_user_id: pushUser.user_id,
      push_phone_id: pushUser.phone_ids.find((id) => parent.phones[id]!.activated),
    };
    const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, JSON.stringify(cfg)], { timeout: 60_000 });
    out = JSON.parse(stdout);
  });

  afterAll(async () => {
    await server?.close();
    await emu?.close();
  });

  it('is the 4.5.0 client, which has no method of its own for these endpoints', () => {
    expect(out.version).toBe('4.5.0');
    // Every method it has for them is driven here: none. A newer client would list some and fail this.
    expect(out.methods).toEqual([]);
  });

  it('bulk_create creates the batch; 101 users is 400/40002', () => {
    expect(out.created.map((u: any) => [u.username, u.status])).toEqual([['py.bulk.a', 'active'], ['py.bulk.b', 'bypass']]);
    // The second one ends the script in the Trash.
    for (const u of out.created) expect((parent.users[u.user_id] ?? parent.trash?.[u.user_id]?.user)?.username).toBe(u.username);
    expect(out.too_many.error).toMatch(/^Received 400 Invalid request parameters/);
  });

  it('bulk_send_to_trash hides users from reads; bulk_restore brings one back', () => {
    expect(out.trash).toBe('');
    expect(out.trashed_get.error).toMatch(/^Received 404/);
    expect(out.trashed_by_name).toEqual([]);
    expect(out.restore).toBe('');
    expect(out.restored_get).toBe('py.bulk.a');
    expect(parent.trash?.[out.created[1].user_id]?.user.username).toBe('py.bulk.b');
  });

  it('/admin/v1/bulk answers a result per operation', () => {
    expect(out.bulk.map((r: any) => r.stat)).toEqual(['OK', 'OK', 'OK', 'FAIL']);
    expect(out.bulk[0].response.username).toBe('py.bulk.op');
    expect(out.bulk[3]).toMatchObject({ code: 40401 });
    expect(parent.users[out.created[0].user_id]?.notes).toBe('from bulk');
  });

  it("the verification push follows the user's script: waiting, then deny", () => {
    expect(out.push_answers[0]).toBe('waiting');
    expect(out.push_answers.at(-1)).toBe('deny');
    expect(emu.stats().executions['users.send_verification_push']).toBe(1);
  });

  it('identity verification starts pending, reads back, cancels; a missing inquiry_id is 40001', () => {
    expect(out.idv_started).toMatchObject({ user_id: pushUser.user_id, status: 'pending' });
    expect(out.idv_status.inquiry_id).toBe(out.idv_started.inquiry_id);
    expect(out.idv_cancel.status).toBe('canceled');
    expect(out.idv_cancel_missing.error).toMatch(/^Received 400 Missing required request parameters/);
  });
});
