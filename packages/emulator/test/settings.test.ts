import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../src/index.js';
import { bind, parentKey } from './helpers/duo-call.js';

let emu: Emulator;
let admin: ReturnType<typeof bind>;

beforeEach(() => {
  emu = createEmulator();
  admin = bind(emu, parentKey(emu, 'admin'));
});

describe('settings', () => {
  it('GET answers the settings object', async () => {
    const res = await admin('GET', '/admin/v1/settings');
    expect(res.status).toBe(200);
    expect(res.body.response).toMatchObject({ name: 'Parent Account', language: 'EN', minimum_password_length: 12, user_telephony_cost_max: 20, sms_refresh: false });
  });

  it('POST updates a subset and answers the whole object; booleans as 1/0, true/false or JSON', async () => {
    const res = await admin('POST', '/admin/v1/settings', {
      caller_id: '+15555550100',
      lockout_threshold: '5',
      sms_refresh: '1',
      fraud_email_enabled: true,
      security_checkup_enabled: 'false',
      language: 'de',
      timezone: 'Europe/Berlin',
      helpdesk_bypass: 'limit',
      push_enabled: '1',
    });
    expect(res.status).toBe(200);
    expect(res.body.response).toMatchObject({
      caller_id: '+15555550100',
      lockout_threshold: 5,
      sms_refresh: true,
      fraud_email_enabled: true,
      security_checkup_enabled: false,
      language: 'DE',
      timezone: 'Europe/Berlin',
      helpdesk_bypass: 'limit',
      name: 'Parent Account',
    });
    expect(res.body.response.push_enabled).toBeUndefined();
    expect((await admin('GET', '/admin/v1/settings')).body.response.lockout_threshold).toBe(5);
    const form = await admin('POST', '/admin/v1/settings', { sms_batch: '3' }, { sigVersion: 2, digest: 'sha1' });
    expect(form.body.response.sms_batch).toBe(3);
  });

  it.each<[string, Record<string, string>]>([
    ['inactive_user_expiration', { inactive_user_expiration: '29' }],
    ['inactive_user_expiration', { inactive_user_expiration: '366' }],
    ['lockout_expire_duration', { lockout_expire_duration: '4' }],
    ['lockout_expire_duration', { lockout_expire_duration: '30001' }],
    ['helpdesk_message', { helpdesk_message: 'x'.repeat(201) }],
    ['helpdesk_bypass', { helpdesk_bypass: 'sometimes' }],
    ['language', { language: 'ES' }],
    ['sms_batch', { sms_batch: '11' }],
    ['sms_refresh', { sms_refresh: 'yes' }],
    ['timezone', { timezone: 'Mars/Olympus' }],
    ['keypress_fraud', { keypress_fraud: 'ab' }],
    ['keypress_fraud', { keypress_fraud: '' }],
    ['keypress_fraud', { keypress_fraud: '#' }],
    ['minimum_password_length', { minimum_password_length: 'twelve' }],
  ])('%s out of range -> 400/40002 and nothing changes', async (detail, params) => {
    const before = (await admin('GET', '/admin/v1/settings')).body.response;
    const res = await admin('POST', '/admin/v1/settings', { caller_id: 'changed', ...params });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ stat: 'FAIL', code: 40002, message_detail: detail });
    expect((await admin('GET', '/admin/v1/settings')).body.response).toEqual(before);
  });

  it('edge values inside the documented ranges are accepted', async () => {
    const res = await admin('POST', '/admin/v1/settings', {
      inactive_user_expiration: '30',
      lockout_expire_duration: '0',
      helpdesk_message: 'x'.repeat(200),
      keypress_confirm: '',
      keypress_fraud: '',
    });
    expect(res.status).toBe(200);
    expect(res.body.response).toMatchObject({ inactive_user_expiration: 30, lockout_expire_duration: 0, keypress_confirm: '', keypress_fraud: '' });
  });
});
