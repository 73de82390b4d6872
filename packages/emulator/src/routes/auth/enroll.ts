import { authEnroll } from '@duohub/sdk';
import { putUser } from '../../state/user-index.js';
import { failures, ok } from '../../duo-result.js';
import { optionalInt, reject } from '../../params/read-param.js';
import { defineRoute } from '../../route.js';
import { findUserByName } from '../admin/user-fields.js';
import { newId, newNumericCode } from '../../state/ids.js';
import { newUser } from '../../state/new-user.js';
import type { Account, BypassCode, Phone } from '../../state/types.js';

const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function pick(alphabet: string, n: number, random: () => number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

/**
 * `POST /auth/v2/enroll`: creates a user (a random hex username when none is given; an existing
 * name or alias -> 400/40002) with a numberless Duo Mobile phone awaiting activation, and answers
 * the activation code, URL and barcode. `bypass_codes=N` (python sends it) also issues N codes.
 */
export const enrollRoute = defineRoute({
  endpoint: authEnroll,
  nonIdempotent: 'auth.enroll',
  handle(ctx) {
    const { account, params } = ctx;
    const validSecs = optionalInt(params, 'valid_secs', { min: 1 }) ?? 86_400;
    const codeCount = optionalInt(params, 'bypass_codes', { min: 0, max: 10 });
    let username = params.get('username');
    if (username !== undefined && username.trim() === '') reject(failures.invalidParam('username'));
    if (username !== undefined && findUserByName(account, username)) reject(failures.invalidParam('username'));
    while (username === undefined || findUserByName(account, username)) username = pick(HEX, 12, ctx.random);

    const nowMs = ctx.now();
    const user = newUser(account, username, ctx.random, nowMs);
    const phone = numberlessPhone(account, user.user_id, ctx.random);
    user.phone_ids.push(phone.phone_id);
    putUser(account, user);
    account.phones[phone.phone_id] = phone;

    const secret = pick(ALNUM, 20, ctx.random);
    const hostPart = Buffer.from(account.api_hostname, 'utf8').toString('base64url');
    const activationCode = `${secret}-${hostPart}`;
    const expiration = Math.floor(nowMs / 1000) + validSecs;
    account.enrollments[activationCode] = {
      activation_code: activationCode,
      user_id: user.user_id,
      expiration,
      activated: false,
      phone_id: phone.phone_id,
    };
    const activationUrl = `https://m-${account.api_hostname.replace(/^api-/, '')}/activate/${secret}`;
    const response: Record<string, unknown> = {
      activation_barcode: `https://${account.api_hostname}/frame/qr?value=${encodeURIComponent(`duo://${activationCode}`)}`,
      activation_code: `duo://${activationCode}`,
      activation_url: activationUrl,
      expiration,
      user_id: user.user_id,
      username: user.username,
    };
    if (codeCount !== undefined && codeCount > 0) response['bypass_codes'] = issueCodes(account, user.user_id, codeCount, nowMs, ctx.random);
    return ok(response);
  },
});

function numberlessPhone(account: Account, userId: string, random: () => number): Phone {
  let phoneId = newId('DP', random);
  while (account.phones[phoneId]) phoneId = newId('DP', random);
  return {
    phone_id: phoneId,
    number: '',
    extension: '',
    name: '',
    type: 'mobile',
    platform: 'generic smartphone',
    model: 'Unknown',
    activated: false,
    capabilities: [],
    sms_passcodes_sent: false,
    predelay: null,
    postdelay: null,
    last_seen: '',
    user_ids: [userId],
  };
}

function issueCodes(account: Account, userId: string, count: number, nowMs: number, random: () => number): string[] {
  const taken = new Set(Object.values(account.bypass_codes).filter((c) => c.user_id === userId).map((c) => c.code));
  const codes: string[] = [];
  while (codes.length < count) {
    const code = newNumericCode(9, random);
    if (taken.has(code)) continue;
    taken.add(code);
    let id = newId('DB', random);
    while (account.bypass_codes[id]) id = newId('DB', random);
    const record: BypassCode = {
      bypass_code_id: id,
      code,
      user_id: userId,
      admin_email: '',
      created: Math.floor(nowMs / 1000),
      expiration: null,
      reuse_count: 1,
    };
    account.bypass_codes[id] = record;
    codes.push(code);
  }
  return codes;
}
