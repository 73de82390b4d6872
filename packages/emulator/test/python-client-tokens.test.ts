import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, createRandom, newUser, putUser, type Emulator, type ListeningServer } from '../src/index.js';
import type { Account, User } from '../src/state/types.js';

// Debian's interpreter: the python3 first on PATH here is a separate build that cannot see apt packages.
const PYTHON = process.env['DUOHUB_PYTHON'] ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./support-auth/official_client_tokens.py', import.meta.url));
const SECRET = Buffer.from('12345678901234567890').toString('hex');

const available = spawnSync(PYTHON, ['-c', 'import duo_client'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!available && !process.env['CI'])("Duo's python client (4.5.0): every token and U2F method, over a port", () => {
  let emu: Emulator;
  let server: ListeningServer;
  let parent: Account;
  let user: User;
  let out: any;

  beforeAll(async () => {
    emu = createEmulator({ seed: 'empty' });
    parent = emu.state.accounts[emu.state.parent_account_id]!;
    user = newUser(parent, 'py.token.user', createRandom(3), Date.now());
    putUser(parent, user);
    parent.u2ftokens = {
      REGPY0: { registration_id: 'REGPY0', date_added: 1_700_000_000, user_id: user.user_id },
      REGPY1: { registration_id: 'REGPY1', date_added: 1_700_000_100, user_id: user.user_id },
    };
    server = await emu.listen({ port: 0, host: '127.0.0.1' });
    const key = Object.values(parent.integrations).find((i) => i.type === 'admin')!;
    const cfg = { port: server.port, ikey: key.integration_key, skey: key.secret_key, user_id: user.user_id, registration_id: 'REGPY0', secret: SECRET };
    const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, JSON.stringify(cfg)], { timeout: 60_000 });
    out = JSON.parse(stdout);
  });

  afterAll(async () => {
    await server?.close();
    await emu?.close();
  });

  it('creates every importable type, without failures', () => {
    expect(out.version).toBe('4.5.0');
    expect(out.created.map((t: any) => [t.type, t.serial, t.totp_step])).toEqual([
      ['h6', 'py-h6', null],
      ['h8', 'py-h8', null],
      ['t6', 'py-t6', 60],
      ['t8', 'py-t8', 30],
      ['yk', '1234567', null],
    ]);
    const h6 = parent.tokens[out.created[0].token_id]!;
    expect(h6.secret).toBe(SECRET);
  });

  it('lists, pages, finds by serial and by id, and updates a TOTP step', () => {
    expect(out.tokens).toEqual(['1234567', 'py-h6', 'py-h8', 'py-t6', 'py-t8']);
    expect(out.tokens_page).toHaveLength(2);
    expect(out.tokens_generator).toBe(5);
    expect(out.by_serial).toEqual([out.created[0].token_id]);
    expect(out.by_id).toBe('py-h6');
    expect(out.updated_step).toBe(60);
  });

  it('resyncs the HOTP token from codes ahead of its counter', () => {
    expect(out.resync).toBe('');
    expect(parent.tokens[out.created[0].token_id]!.counter).toBe(12);
  });

  it("associates, lists and disassociates a user's tokens, and deletes a token twice", () => {
    const [h6, , , , yk] = out.created.map((t: any) => t.token_id);
    expect(out.add_user_token).toBe('');
    expect(out.user_tokens).toEqual([h6, yk].sort());
    expect(out.user_tokens_page).toBe(1);
    expect(out.user_tokens_iterator).toBe(2);
    expect(out.user_tokens_after).toEqual([h6]);
    expect([out.delete_user_token, out.delete_token, out.delete_token_again]).toEqual(['', '', '']);
    expect(parent.tokens[yk]).toBeUndefined();
    expect(out.missing_token_error).toMatch(/404/);
  });

  it('reads and deletes U2F tokens through the deprecated endpoints', () => {
    expect(out.u2ftokens.sort()).toEqual(['REGPY0', 'REGPY1']);
    expect(out.u2ftokens_page).toHaveLength(1);
    expect(out.u2ftokens_iterator).toBe(2);
    expect(out.u2ftoken).toMatchObject({ registration_id: 'REGPY0', user: { user_id: user.user_id } });
    expect(out.user_u2ftokens.sort()).toEqual(['REGPY0', 'REGPY1']);
    expect(out.user_u2ftokens_iterator).toBe(2);
    expect(out.delete_u2ftoken).toBe('');
    expect(out.u2ftokens_after).toEqual(['REGPY1']);
  });
});
