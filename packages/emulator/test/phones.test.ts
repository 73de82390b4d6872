import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, createRandom, newUser, putUser, type Emulator } from '../src/index.js';
import { bind, parentKey } from './helpers/duo-call.js';

let emu: Emulator;
let admin: ReturnType<typeof bind>;

beforeEach(() => {
  emu = createEmulator();
  admin = bind(emu, parentKey(emu, 'admin'));
});

const newPhone = async (params: Record<string, string | number> = {}) =>
  (await admin('POST', '/admin/v1/phones', { number: '+15555550100', type: 'mobile', platform: 'google android', ...params })).body.response;
const newUserId = async (username: string) => (await admin('POST', '/admin/v1/users', { username })).body.response.user_id as string;

describe('phones', () => {
  it('creates a phone and answers in display casing', async () => {
    const res = await admin('POST', '/admin/v1/phones', { number: '5555550123', name: 'work', extension: '12', type: 'MOBILE', platform: 'Apple iOS', predelay: 2, postdelay: 3 });
    expect(res.status).toBe(200);
    expect(res.body.response).toMatchObject({
      number: '+15555550123',
      name: 'work',
      extension: '12',
      type: 'Mobile',
      platform: 'Apple iOS',
      predelay: '2',
      postdelay: '3',
      activated: false,
      sms_passcodes_sent: false,
      capabilities: ['auto', 'phone', 'sms'],
      users: [],
    });
    expect(res.body.response.phone_id).toMatch(/^DP[A-Z0-9]{18}$/);
    const landline = await admin('POST', '/admin/v1/phones', { number: '+442079460000', type: 'landline', platform: 'windows phone' });
    expect(landline.body.response).toMatchObject({ type: 'Landline', platform: 'Windows Phone', capabilities: ['auto', 'phone'] });
  });

  it.each<[string, Record<string, string>, string]>([
    ['bad type', { type: 'satellite' }, 'type'],
    ['bad platform', { platform: 'palm pilot' }, 'platform'],
    ['bad number', { number: '+1abc' }, 'number'],
    ['negative delay', { predelay: '-1' }, 'predelay'],
  ])('%s -> 400/40002', async (_name, params, detail) => {
    const res = await admin('POST', '/admin/v1/phones', params);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 40002, message: 'Invalid request parameters', message_detail: detail });
  });

  it('lists with number/extension filters and paging (default 100, max 500)', async () => {
    const account = emu.state.accounts[emu.state.parent_account_id]!;
    await newPhone({ number: '+15555550001', extension: '1' });
    await newPhone({ number: '+15555550002' });
    expect((await admin('GET', '/admin/v1/phones', { number: '5555550001' })).body.response).toHaveLength(1);
    expect((await admin('GET', '/admin/v1/phones', { number: '+15555550001', extension: '2' })).body.response).toEqual([]);
    for (let i = 0; i < 600; i++) {
      const id = `DP${String(i).padStart(18, '0')}`;
      account.phones[id] = { ...account.phones[Object.keys(account.phones)[0]!]!, phone_id: id, user_ids: [] };
    }
    const page = await admin('GET', '/admin/v1/phones', { limit: 900, offset: 2 });
    expect(page.body.response).toHaveLength(500);
    expect(page.body.metadata).toEqual({ total_objects: 602, next_offset: 502, prev_offset: 0 });
    expect((await admin('GET', '/admin/v1/phones')).body.response).toHaveLength(100);
  });

  it('get, modify and idempotent delete', async () => {
    const phone = await newPhone();
    expect((await admin('GET', `/admin/v1/phones/${phone.phone_id}`)).body.response.number).toBe('+15555550100');
    const modified = await admin('POST', `/admin/v1/phones/${phone.phone_id}`, { name: 'renamed', type: 'landline' });
    expect(modified.body.response).toMatchObject({ name: 'renamed', type: 'Landline', number: '+15555550100' });
    for (let i = 0; i < 2; i++) expect((await admin('DELETE', `/admin/v1/phones/${phone.phone_id}`)).body).toEqual({ stat: 'OK', response: '' });
    expect((await admin('GET', `/admin/v1/phones/${phone.phone_id}`)).body).toMatchObject({ code: 40401 });
    expect((await admin('POST', `/admin/v1/phones/${phone.phone_id}`, { name: 'x' })).status).toBe(404);
  });

  it('associates and disassociates users (both idempotent); the phone survives', async () => {
    const phone = await newPhone();
    const userId = await newUserId('pat');
    for (let i = 0; i < 2; i++) {
      expect((await admin('POST', `/admin/v1/users/${userId}/phones`, { phone_id: phone.phone_id })).body).toEqual({ stat: 'OK', response: '' });
    }
    const listed = await admin('GET', `/admin/v1/users/${userId}/phones`);
    expect(listed.body.response.map((p: { phone_id: string }) => p.phone_id)).toEqual([phone.phone_id]);
    expect(listed.body.metadata).toEqual({ total_objects: 1 });
    const withUsers = (await admin('GET', `/admin/v1/phones/${phone.phone_id}`)).body.response;
    expect(withUsers.users.map((u: { username: string }) => u.username)).toEqual(['pat']);
    expect(withUsers.users[0].phones).toBeUndefined();
    for (let i = 0; i < 2; i++) {
      expect((await admin('DELETE', `/admin/v1/users/${userId}/phones/${phone.phone_id}`)).body).toEqual({ stat: 'OK', response: '' });
    }
    expect((await admin('GET', `/admin/v1/users/${userId}/phones`)).body.response).toEqual([]);
    expect((await admin('GET', `/admin/v1/phones/${phone.phone_id}`)).status).toBe(200);
    expect((await admin('POST', `/admin/v1/users/${userId}/phones`, {})).body.code).toBe(40001);
    expect((await admin('POST', `/admin/v1/users/${userId}/phones`, { phone_id: 'DPNOPE' })).body.code).toBe(40002);
    expect((await admin('GET', '/admin/v1/users/DUNOPE/phones')).status).toBe(404);
  });

  it('100 phones per user and 100 users per phone -> 500/50001', async () => {
    const account = emu.state.accounts[emu.state.parent_account_id]!;
    const phone = await newPhone();
    const random = createRandom(3);
    for (let i = 0; i < 100; i++) {
      const user = newUser(account, `bulk${i}`, random, Date.now());
      user.phone_ids.push(phone.phone_id);
      account.phones[phone.phone_id]!.user_ids.push(user.user_id);
      putUser(account, user);
    }
    const extra = await newUserId('extra');
    const res = await admin('POST', `/admin/v1/users/${extra}/phones`, { phone_id: phone.phone_id });
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: 50001, message: 'Unknown internal server error' });
  });
});

describe('activation and SMS', () => {
  it('activation_url answers links, with installation_url when install=1', async () => {
    const phone = await newPhone();
    const res = await admin('POST', `/admin/v1/phones/${phone.phone_id}/activation_url`, { valid_secs: 600, install: '1' });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.response).sort()).toEqual(['activation_barcode', 'activation_url', 'installation_url', 'valid_secs']);
    expect(res.body.response.valid_secs).toBe(600);
    const plain = await admin('POST', `/admin/v1/phones/${phone.phone_id}/activation_url`);
    expect(plain.body.response.installation_url).toBeUndefined();
    expect(plain.body.response.valid_secs).toBe(86400);
  });

  it('send_sms_activation validates the placeholders and is counted as an execution', async () => {
    const phone = await newPhone();
    const path = `/admin/v1/phones/${phone.phone_id}/send_sms_activation`;
    const res = await admin('POST', path, { activation_msg: 'Go: <acturl>', installation_msg: 'Get it: <insturl>', install: 1 });
    expect(res.body.response).toMatchObject({
      activation_msg: expect.stringMatching(/^Go: https:\/\/m-[0-9a-f]+\.duosecurity\.com\/iphone\/\d{20}$/),
      installation_msg: expect.stringMatching(/^Get it: https:\/\/m-[0-9a-f]+\.duosecurity\.com\/install\/\d{20}$/),
      valid_secs: 86400,
    });
    expect(typeof res.body.response.activation_barcode).toBe('string');
    expect((await admin('POST', path, { activation_msg: 'no placeholder' })).body).toMatchObject({ code: 40002, message_detail: 'activation_msg' });
    expect((await admin('POST', path, { installation_msg: 'no placeholder' })).body).toMatchObject({ code: 40002, message_detail: 'installation_msg' });
    expect(emu.stats().executions['phones.send_sms_activation']).toBe(1);
  });

  it("send_sms_activation without templates texts Duo's wording with the URLs filled in", async () => {
    const phone = await newPhone();
    const res = await admin('POST', `/admin/v1/phones/${phone.phone_id}/send_sms_activation`);
    expect(res.body.response.activation_msg).toMatch(/^To activate the Duo Mobile app, click this link: https:\/\/m-\S+\/iphone\/\d{20}$/);
    expect(res.body.response.installation_msg).toMatch(/^Welcome to Duo! To install the Duo Mobile app, click this link: https:\/\/\S+$/);
    expect(JSON.stringify(res.body.response)).not.toMatch(/<acturl>|<insturl>/);
  });

  it.each<[string, Record<string, string>]>([
    ['type unknown', { type: 'unknown', platform: 'google android' }],
    ['platform unknown', { type: 'mobile', platform: 'unknown' }],
    ['both unknown', { type: 'unknown', platform: 'unknown' }],
  ])('send_sms_activation fails when the %s, as Duo documents', async (_name, kind) => {
    const phone = await newPhone(kind);
    const res = await admin('POST', `/admin/v1/phones/${phone.phone_id}/send_sms_activation`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ stat: 'FAIL', code: 40002, message_detail: "phone_id: the phone's type or platform is Unknown" });
    expect(emu.stats().executions['phones.send_sms_activation']).toBeUndefined();
  });

  it('unknownPhoneActivation: allow sends to a phone of unknown platform', async () => {
    emu = createEmulator({ unknownPhoneActivation: 'allow' });
    admin = bind(emu, parentKey(emu, 'admin'));
    const phone = await newPhone({ platform: 'unknown' });
    const res = await admin('POST', `/admin/v1/phones/${phone.phone_id}/send_sms_activation`);
    expect(res.status).toBe(200);
    expect(emu.stats().executions['phones.send_sms_activation']).toBe(1);
  });

  it('send_sms_installation and send_sms_passcodes', async () => {
    const phone = await newPhone();
    const install = await admin('POST', `/admin/v1/phones/${phone.phone_id}/send_sms_installation`, { installation_msg: 'Install <insturl>' });
    expect(install.body.response).toEqual({ installation_msg: expect.stringMatching(/^Install https:\/\/m-\S+\/install\/\d{20}$/) });
    expect((await admin('POST', `/admin/v1/phones/${phone.phone_id}/send_sms_installation`, { installation_msg: 'x' })).body.code).toBe(40002);
    const passcodes = await admin('POST', `/admin/v1/phones/${phone.phone_id}/send_sms_passcodes`);
    expect(passcodes.body).toEqual({ stat: 'OK', response: '' });
    expect((await admin('GET', `/admin/v1/phones/${phone.phone_id}`)).body.response.sms_passcodes_sent).toBe(true);
    const landline = await newPhone({ type: 'landline' });
    expect((await admin('POST', `/admin/v1/phones/${landline.phone_id}/send_sms_passcodes`)).status).toBe(400);
    expect(emu.stats().executions).toMatchObject({ 'phones.send_sms_installation': 1, 'phones.send_sms_passcodes': 1 });
  });
});
