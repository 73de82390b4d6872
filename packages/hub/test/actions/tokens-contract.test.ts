import { createEmulator, createRandom, newIntegration, newUser, putUser, ALL_GRANTS, type Account } from '@duohub/emulator';
import { buildOpenApi, endpoints, type OpenApiDocument } from '@duohub/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerProblems } from '../../../emulator/test/helpers/answer-problems.js';
import { duoCall } from '../../../emulator/test/helpers/duo-call.js';
import { recordAnswers, type RecordedAnswer } from '../../../emulator/test/helpers/record-answers.js';
import { hotp } from '../../../emulator/src/tokens/hotp.js';

// The hardware-token and U2F endpoint family against the emulator, in process and over a real
// port: status, envelope, fields, paging metadata, Duo's error codes, permission denials and
// cascades; every answer is then checked against the generated OpenAPI description.

type Emu = ReturnType<typeof createEmulator>;
type Call = (method: string, path: string, params?: Record<string, string | number>) => Promise<{ status: number; body: any }>;

const SECRET = Buffer.from('12345678901234567890').toString('hex');
const doc = buildOpenApi(endpoints) as OpenApiDocument;

describe.each(['in process', 'over a port'] as const)('hardware tokens, %s', (mode) => {
  let emu: Emu;
  let parent: Account;
  let close = async () => {};
  let admin: Call;
  let readOnly: Call;
  let answers: RecordedAnswer[];

  beforeAll(async () => {
    emu = createEmulator({ seed: 'empty' });
    const recorder = recordAnswers();
    emu.use(...recorder.routes);
    answers = recorder.answers;
    parent = emu.state.accounts[emu.state.parent_account_id]!;
    const ro = newIntegration('admin', 'read only', createRandom(7), { ...ALL_GRANTS, write_resource: false });
    parent.integrations[ro.integration_key] = ro;
    const full = Object.values(parent.integrations).find((i) => i.type === 'admin' && i !== ro)!;
    let baseUrl: string | undefined;
    if (mode === 'over a port') {
      const server = await emu.listen({ port: 0 });
      baseUrl = server.url;
      close = () => server.close();
    }
    const caller = (i: typeof full): Call => (method, path, params = {}) =>
      duoCall(baseUrl ? fetch : emu, { integration_key: i.integration_key, secret_key: i.secret_key, api_hostname: parent.api_hostname }, method, path, params, baseUrl ? { baseUrl } : {});
    admin = caller(full);
    readOnly = caller(ro);
  });
  afterAll(() => close());

  const addUser = (username: string) => {
    const user = newUser(parent, username, createRandom(username.length + 11), Date.now());
    putUser(parent, user);
    return user;
  };
  const create = async (params: Record<string, string | number>) => (await admin('POST', '/admin/v1/tokens', params)).body.response;

  it('creates each type, answers the token without its secret, and lists by type and serial', async () => {
    const h6 = await admin('POST', '/admin/v1/tokens', { type: 'h6', serial: 'H6-1', secret: SECRET, counter: 0 });
    expect(h6.status).toBe(200);
    expect(h6.body).toEqual({ stat: 'OK', response: { admins: [], serial: 'H6-1', token_id: expect.stringMatching(/^DH[A-Z0-9]{18}$/), totp_step: null, type: 'h6', users: [] } });
    expect(JSON.stringify(h6.body)).not.toContain(SECRET);
    expect((await create({ type: 't8', serial: 'T8-1', secret: SECRET })).totp_step).toBe(30);
    expect((await create({ type: 'yk', serial: '1234567', private_id: 'a'.repeat(12), aes_key: 'b'.repeat(32) })).type).toBe('yk');
    // The same serial under another type is another token.
    await create({ type: 'h8', serial: 'H6-1', secret: SECRET });
    const found = await admin('GET', '/admin/v1/tokens', { type: 'h6', serial: 'H6-1' });
    expect(found.body.response.map((t: any) => t.token_id)).toEqual([h6.body.response.token_id]);
    expect(found.body.metadata).toEqual({ total_objects: 1 });
    expect((await admin('GET', '/admin/v1/tokens', { type: 'd1', serial: 'H6-1' })).body.response).toEqual([]);
    expect((await admin('GET', '/admin/v1/tokens/' + h6.body.response.token_id)).body.response.serial).toBe('H6-1');
  });

  it.each<[string, Record<string, string | number>, number, number, string]>([
    ['no type', { serial: 'x' }, 400, 40001, 'type'],
    ['no serial', { type: 'h6', secret: SECRET }, 400, 40001, 'serial'],
    ['Duo-D100 cannot be imported', { type: 'd1', serial: 'd' }, 400, 40002, 'type'],
    ['HOTP without a secret', { type: 'h6', serial: 'nosecret' }, 400, 40001, 'secret'],
    ['secret not hex', { type: 'h6', serial: 'badhex', secret: 'xyz' }, 400, 40002, 'secret'],
    ['YubiKey aes_key too short', { type: 'yk', serial: 'yk2', private_id: 'a'.repeat(12), aes_key: 'b'.repeat(30) }, 400, 40002, 'aes_key'],
    ['duplicate type and serial', { type: 'h6', serial: 'H6-1', secret: SECRET }, 400, 40003, 'serial'],
  ])('create refuses %s', async (_name, params, status, code, detail) => {
    const res = await admin('POST', '/admin/v1/tokens', params);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ stat: 'FAIL', code, message_detail: detail });
  });

  it('lists in pages of at most 500 with Duo metadata, and needs type with serial', async () => {
    for (let i = 0; i < 4; i++) await create({ type: 'h6', serial: `page-${i}`, secret: SECRET });
    const total = Object.keys(parent.tokens).length;
    const first = await admin('GET', '/admin/v1/tokens', { limit: 2 });
    expect(first.body.metadata).toEqual({ total_objects: total, next_offset: 2 });
    const second = await admin('GET', '/admin/v1/tokens', { limit: 2, offset: 2 });
    expect(second.body.metadata).toMatchObject({ prev_offset: 0, next_offset: 4 });
    expect((await admin('GET', '/admin/v1/tokens', { serial: 'x' })).body).toMatchObject({ code: 40001, message_detail: 'type' });
    expect((await admin('GET', '/admin/v1/tokens', { type: 'h6' })).body).toMatchObject({ code: 40001, message_detail: 'serial' });
    expect((await admin('GET', '/admin/v1/tokens', { type: 'zz', serial: 'x' })).body).toMatchObject({ code: 40002, message_detail: 'type' });
    expect((await admin('GET', '/admin/v1/tokens/DHNOSUCHTOKEN0000000')).body).toMatchObject({ code: 40401 });
  });

  it('resyncs a HOTP token against its sequence and refuses codes that are not its own', async () => {
    const token = await create({ type: 'h6', serial: 'resync', secret: SECRET, counter: 0 });
    const path = `/admin/v1/tokens/${token.token_id}/resync`;
    const wrong = await admin('POST', path, { code1: '000000', code2: '111111', code3: '222222' });
    expect(wrong).toMatchObject({ status: 400, body: { code: 40002 } });
    const ok = await admin('POST', path, { code1: hotp(SECRET, 40, 6), code2: hotp(SECRET, 41, 6), code3: hotp(SECRET, 42, 6) });
    expect(ok.body).toEqual({ stat: 'OK', response: '' });
    expect(parent.tokens[token.token_id]!.counter).toBe(43);
    expect((await admin('POST', path, { code1: '123456' })).body).toMatchObject({ code: 40001, message_detail: 'code2' });
    expect((await admin('POST', path, { code1: '1', code2: '123456', code3: '123456' })).body).toMatchObject({ code: 40002, message_detail: 'code1' });
    expect((await admin('POST', '/admin/v1/tokens/DHNOSUCHTOKEN0000000/resync', { code1: '111111', code2: '222222', code3: '333333' })).status).toBe(404);
  });

  it("associates, lists and disassociates a user's tokens; the user shows them", async () => {
    const user = addUser(`tok-user-${mode.length}`);
    const token = await create({ type: 'h6', serial: `assoc-${mode.length}`, secret: SECRET });
    const tokensOf = `/admin/v1/users/${user.user_id}/tokens`;
    expect((await admin('POST', tokensOf, { token_id: token.token_id })).body).toEqual({ stat: 'OK', response: '' });
    expect((await admin('POST', tokensOf, { token_id: token.token_id })).status).toBe(200);
    const listed = await admin('GET', tokensOf);
    expect(listed.body).toEqual({ stat: 'OK', response: [{ serial: token.serial, token_id: token.token_id, totp_step: null, type: 'h6' }], metadata: { total_objects: 1 } });
    expect((await admin('GET', `/admin/v1/tokens/${token.token_id}`)).body.response.users.map((u: any) => u.user_id)).toEqual([user.user_id]);
    expect((await admin('GET', `/admin/v1/users/${user.user_id}`)).body.response).toMatchObject({ is_enrolled: true, tokens: [{ token_id: token.token_id }] });
    expect((await admin('POST', tokensOf, { token_id: 'DHNOSUCHTOKEN0000000' })).body).toMatchObject({ code: 40002, message_detail: 'token_id' });
    expect((await admin('POST', tokensOf, {})).body).toMatchObject({ code: 40001, message_detail: 'token_id' });
    expect((await admin('GET', '/admin/v1/users/DUNOSUCHUSER00000000/tokens')).body).toMatchObject({ code: 40401 });
    expect((await admin('DELETE', `${tokensOf}/${token.token_id}`)).body).toEqual({ stat: 'OK', response: '' });
    expect(parent.tokens[token.token_id]!.user_ids).toEqual([]);
    expect(parent.users[user.user_id]!.token_ids).toEqual([]);
  });

  it("cascades: deleting a token detaches it from its users; deleting a user drops its token ties and U2F keys", async () => {
    const a = addUser(`cascade-a-${mode.length}`);
    const b = addUser(`cascade-b-${mode.length}`);
    const token = await create({ type: 'h6', serial: `cascade-${mode.length}`, secret: SECRET });
    const kept = await create({ type: 'h6', serial: `kept-${mode.length}`, secret: SECRET });
    for (const u of [a, b]) await admin('POST', `/admin/v1/users/${u.user_id}/tokens`, { token_id: token.token_id });
    await admin('POST', `/admin/v1/users/${a.user_id}/tokens`, { token_id: kept.token_id });
    expect((await admin('DELETE', `/admin/v1/tokens/${token.token_id}`)).body).toEqual({ stat: 'OK', response: '' });
    expect((await admin('DELETE', `/admin/v1/tokens/${token.token_id}`)).status).toBe(200);
    expect(parent.users[a.user_id]!.token_ids).toEqual([kept.token_id]);
    expect(parent.users[b.user_id]!.token_ids).toEqual([]);
    parent.u2ftokens = { ...parent.u2ftokens, [`U2F-${a.user_id}`]: { registration_id: `U2F-${a.user_id}`, date_added: 1700000000, user_id: a.user_id } };
    await admin('DELETE', `/admin/v1/users/${a.user_id}`);
    expect(parent.tokens[kept.token_id]!.user_ids).toEqual([]);
    expect(parent.u2ftokens![`U2F-${a.user_id}`]).toBeUndefined();
  });

  it('refuses writes without "Grant write resource" with 403/40301, and allows reads', async () => {
    const user = addUser(`denied-${mode.length}`);
    const token = Object.values(parent.tokens)[0]!;
    const writes: Array<[string, string, Record<string, string>]> = [
      ['POST', '/admin/v1/tokens', { type: 'h6', serial: 'denied', secret: SECRET }],
      ['POST', `/admin/v1/tokens/${token.token_id}`, { totp_step: '60' }],
      ['POST', `/admin/v1/tokens/${token.token_id}/resync`, { code1: '111111', code2: '222222', code3: '333333' }],
      ['DELETE', `/admin/v1/tokens/${token.token_id}`, {}],
      ['POST', `/admin/v1/users/${user.user_id}/tokens`, { token_id: token.token_id }],
      ['DELETE', `/admin/v1/users/${user.user_id}/tokens/${token.token_id}`, {}],
      ['DELETE', '/admin/v1/u2ftokens/anything', {}],
    ];
    for (const [method, path, params] of writes) {
      const res = await readOnly(method, path, params);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 403, code: 40301 });
    }
    expect(parent.tokens[token.token_id]).toBeDefined();
    for (const path of ['/admin/v1/tokens', `/admin/v1/tokens/${token.token_id}`, `/admin/v1/users/${user.user_id}/tokens`, '/admin/v1/u2ftokens']) {
      expect((await readOnly('GET', path)).status).toBe(200);
    }
  });

  it('changes a TOTP token step and refuses it for HOTP', async () => {
    const t6 = await create({ type: 't6', serial: `step-${mode.length}`, secret: SECRET });
    expect((await admin('POST', `/admin/v1/tokens/${t6.token_id}`, { totp_step: 60 })).body.response.totp_step).toBe(60);
    const h6 = await create({ type: 'h6', serial: `nostep-${mode.length}`, secret: SECRET });
    expect((await admin('POST', `/admin/v1/tokens/${h6.token_id}`, { totp_step: 60 })).body).toMatchObject({ code: 40002, message_detail: 'totp_step' });
  });

  it('serves the deprecated U2F endpoints: list with paging, get, a user\'s, delete (idempotent)', async () => {
    const user = addUser(`u2f-${mode.length}`);
    parent.u2ftokens = { ...parent.u2ftokens };
    for (let i = 0; i < 3; i++) parent.u2ftokens[`REG${mode.length}${i}`] = { registration_id: `REG${mode.length}${i}`, date_added: 1700000000 + i, user_id: user.user_id };
    const page = await admin('GET', '/admin/v1/u2ftokens', { limit: 2 });
    expect(page.body.metadata).toEqual({ total_objects: Object.keys(parent.u2ftokens).length, next_offset: 2 });
    const one = await admin('GET', `/admin/v1/u2ftokens/REG${mode.length}0`);
    expect(one.body.response).toMatchObject({ registration_id: `REG${mode.length}0`, date_added: 1700000000, user: { user_id: user.user_id, username: user.username } });
    expect((await admin('GET', `/admin/v1/users/${user.user_id}/u2ftokens`)).body.response).toHaveLength(3);
    expect((await admin('GET', `/admin/v1/users/${user.user_id}`)).body.response.u2ftokens).toHaveLength(3);
    expect((await admin('DELETE', `/admin/v1/u2ftokens/REG${mode.length}0`)).body).toEqual({ stat: 'OK', response: '' });
    expect((await admin('DELETE', `/admin/v1/u2ftokens/REG${mode.length}0`)).status).toBe(200);
    expect((await admin('GET', `/admin/v1/u2ftokens/REG${mode.length}0`)).body).toMatchObject({ code: 40401, message_detail: 'registration_id' });
  });

  it('every answer above validates against the generated OpenAPI description', () => {
    const mine = answers.filter((a) => /tokens/.test(a.endpoint.path));
    expect(mine.length).toBeGreaterThan(40);
    expect(mine.flatMap((answer) => answerProblems(doc, answer))).toEqual([]);
  });
});
