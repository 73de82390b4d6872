import { phoneLogName } from '../auth/auth-capabilities.js';
import { blankUser } from '../state/blank-user.js';
import { newTxid } from '../state/ids.js';
import type { Account, AuthLogEntry, BypassCode, Group, HardwareToken, Phone, PushScript, User } from '../state/types.js';
import { quota } from './allocate.js';
import { guid, numericCode, pickOne, randInt, uniqueId, uniqueKey, type SeedContext } from './seed-context.js';
import { FIRST_NAMES, GROUP_NAMES, LAST_NAMES } from './seed-names.js';
import {
  ALIAS_PERCENT,
  BYPASS_MIX,
  DIRECTORY_PENDING_PERCENT,
  DIRECTORY_SYNCED_PERCENT,
  ENROLLMENT_MIX,
  LOGIN_MIX,
  PUSH_MIX,
  STATUS_MIX,
  type BypassKind,
  type EnrollmentKind,
  type LoginKind,
} from './user-mix.js';

const DAY = 86_400;
const PUSH_CAPABILITIES: Phone['capabilities'] = ['auto', 'push', 'phone', 'sms', 'mobile_otp'];
const PUSH_SCRIPTS: Record<'deny' | 'timeout' | 'fraud', PushScript> = {
  deny: { outcome: 'deny', afterMs: 1_500 },
  timeout: { outcome: 'timeout', afterMs: 60_000 },
  fraud: { outcome: 'fraud', afterMs: 2_000 },
};
const SMARTPHONES = [
  { platform: 'apple ios', model: 'iPhone 15' },
  { platform: 'apple ios', model: 'iPhone 13' },
  { platform: 'google android', model: 'Pixel 8' },
  { platform: 'google android', model: 'Galaxy S23' },
] as const;
const AREA_CODES = ['212', '303', '312', '415', '512', '617', '646', '702', '734', '206'] as const;
const WEBAUTHN_NAMES = ['YubiKey 5 NFC', 'Touch ID', 'Windows Hello', 'Feitian ePass'] as const;

/** How the users of one account are built. */
export interface PopulateOptions {
  count: number;
  /** Mail domain for the account's users. */
  domain: string;
  /** Give the account a directory that most of its users come from. */
  directory: boolean;
}

/** One user's draw from every dimension of the mix. */
interface Draw {
  enrollment: EnrollmentKind;
  status: User['status'];
  login: LoginKind;
  bypass: BypassKind;
  alias: boolean;
  synced: boolean;
}

/** Seconds to an ISO-8601 string without a zone, as Duo writes `last_seen`. */
function isoNoZone(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19);
}

/**
 * Adds `count` users with the mix of user-mix.ts to an account, with their phones, tokens, WebAuthn
 * credentials, groups, bypass codes, directory and authentication history.
 */
export function populateUsers(ctx: SeedContext, account: Account, options: PopulateOptions): void {
  const { count, domain } = options;
  const nowSec = Math.floor(ctx.now / 1000);
  const authIkey = Object.values(account.integrations).find((i) => i.type === 'auth')?.integration_key ?? '';

  const groups: Group[] = GROUP_NAMES.map((name) => ({
    group_id: uniqueId(ctx, 'DG'),
    name,
    desc: `${name} at ${account.name}`,
    status: 'active',
  }));
  for (const group of groups) account.groups[group.group_id] = group;

  const enrollments = quota(count, ENROLLMENT_MIX, ctx.random, ctx.everyKind);
  const statuses = quota(count, STATUS_MIX, ctx.random, ctx.everyKind);
  const logins = quota(count, LOGIN_MIX, ctx.random, ctx.everyKind);
  const bypasses = quota(count, BYPASS_MIX, ctx.random, ctx.everyKind);
  const aliases = quota(count, { yes: ALIAS_PERCENT, no: 100 - ALIAS_PERCENT }, ctx.random, ctx.everyKind);
  const synced = options.directory
    ? quota(count, { yes: DIRECTORY_SYNCED_PERCENT, no: 100 - DIRECTORY_SYNCED_PERCENT }, ctx.random, ctx.everyKind)
    : [];

  const names = new Set<string>();
  const codes = new Set<string>();
  const nameCounts = new Map<string, number>();
  const directoryUsers: NonNullable<Account['directories'][string]>['users'] = {};
  const pushUsers: User[] = [];
  const log: AuthLogEntry[] = [];

  const freshName = (first: string, last: string): string => {
    const base = `${first}.${last}`.toLowerCase();
    let n = nameCounts.get(base) ?? 0;
    let name = n === 0 ? base : `${base}${n + 1}`;
    while (names.has(name)) name = `${base}${++n + 1}`;
    nameCounts.set(base, n + 1);
    names.add(name);
    return name;
  };

  for (let i = 0; i < count; i++) {
    const draw: Draw = {
      enrollment: enrollments[i]!,
      status: statuses[i]!,
      login: logins[i]!,
      bypass: bypasses[i]!,
      alias: aliases[i] === 'yes',
      synced: synced[i] === 'yes',
    };
    const first = pickOne(ctx, FIRST_NAMES);
    const last = pickOne(ctx, LAST_NAMES);
    const username = freshName(first, last);
    let created = nowSec - (30 + randInt(ctx, 0, 1065)) * DAY - randInt(ctx, 0, DAY - 1);
    const canLogIn = draw.enrollment !== 'not_enrolled' || draw.status === 'bypass';
    let lastLogin: number | null = null;
    if (canLogIn && draw.login === 'recent') lastLogin = nowSec - randInt(ctx, 60, 30 * DAY);
    if (canLogIn && draw.login === 'stale') lastLogin = nowSec - randInt(ctx, 91 * DAY, 400 * DAY);
    if (lastLogin !== null && created > lastLogin) created = lastLogin - randInt(ctx, 1, 30) * DAY;

    const user: User = blankUser({
      user_id: uniqueId(ctx, 'DU'),
      username,
      realname: `${first} ${last}`,
      firstname: first,
      lastname: last,
      email: `${username}@${domain}`,
      status: draw.status,
      lockout_reason: draw.status === 'locked out' ? (draw.enrollment === 'not_enrolled' ? 'Not enrolled' : 'Failed Attempts') : null,
      created,
      last_login: lastLogin,
    });
    if (draw.alias) {
      let alias = `${first[0]}${last}`.toLowerCase();
      for (let n = 2; names.has(alias); n++) alias = `${first[0]}${last}${n}`.toLowerCase();
      names.add(alias);
      user.aliases['alias1'] = alias;
    }
    if (draw.synced) {
      user.external_id = guid(ctx);
      user.last_directory_sync = nowSec - randInt(ctx, 60, DAY);
      directoryUsers[username] = { realname: user.realname, email: user.email, firstname: first, lastname: last };
    }
    const primary = groups[Math.floor(ctx.random() * groups.length)]!;
    user.group_ids.push(primary.group_id);
    if (ctx.random() < 0.25) {
      const second = groups[Math.floor(ctx.random() * groups.length)]!;
      if (second !== primary) user.group_ids.push(second.group_id);
    }

    let phone: Phone | undefined;
    let token: HardwareToken | undefined;
    const e = draw.enrollment;
    if (e === 'push' || e === 'push_and_token' || e === 'push_unactivated' || e === 'sms_voice' || e === 'voice_only') {
      const smart = e === 'push' || e === 'push_and_token' || e === 'push_unactivated' ? pickOne(ctx, SMARTPHONES) : undefined;
      const activated = e === 'push' || e === 'push_and_token';
      phone = {
        phone_id: uniqueId(ctx, 'DP'),
        number: `+1${pickOne(ctx, AREA_CODES)}55501${numericCode(ctx, 2)}`,
        extension: '',
        name: '',
        type: e === 'voice_only' ? 'landline' : 'mobile',
        platform: smart?.platform ?? 'unknown',
        model: smart?.model ?? 'Unknown',
        activated,
        capabilities: activated ? [...PUSH_CAPABILITIES] : e === 'voice_only' ? ['auto', 'phone'] : ['auto', 'phone', 'sms'],
        sms_passcodes_sent: false,
        predelay: null,
        postdelay: null,
        last_seen: activated ? isoNoZone(lastLogin ?? created) : '',
        user_ids: [user.user_id],
      };
      account.phones[phone.phone_id] = phone;
      user.phone_ids.push(phone.phone_id);
      if (activated) pushUsers.push(user);
    }
    if (e === 'token' || e === 'push_and_token') {
      const type = pickOne(ctx, ['h6', 'yk', 't6'] as const);
      token = {
        token_id: uniqueId(ctx, 'DH'),
        type,
        serial: type === 'yk' ? numericCode(ctx, 7) : numericCode(ctx, 10),
        totp_step: type === 't6' ? 30 : null,
        user_ids: [user.user_id],
      };
      account.tokens[token.token_id] = token;
      user.token_ids.push(token.token_id);
    }
    if (e === 'webauthn') {
      const name = pickOne(ctx, WEBAUTHN_NAMES);
      user.webauthn.push({
        webauthnkey: uniqueId(ctx, 'DW'),
        credential_name: name,
        label: name === 'Touch ID' || name === 'Windows Hello' ? 'Platform authenticator' : 'Security key',
        date_added: created + randInt(ctx, 0, 7) * DAY,
      });
    }

    if (draw.bypass !== 'none') {
      const n = randInt(ctx, 1, 5);
      for (let k = 0; k < n; k++) {
        let code = numericCode(ctx, 9);
        while (codes.has(code)) code = numericCode(ctx, 9);
        codes.add(code);
        const issued = draw.bypass === 'expired' ? nowSec - randInt(ctx, 30, 200) * DAY : nowSec - randInt(ctx, 0, 20) * DAY;
        const bypass: BypassCode = {
          bypass_code_id: uniqueId(ctx, 'DB'),
          code,
          user_id: user.user_id,
          admin_email: `helpdesk@${domain}`,
          created: Math.max(issued, created),
          expiration:
            draw.bypass === 'expiring'
              ? nowSec + randInt(ctx, 1, 7) * DAY
              : draw.bypass === 'expired'
                ? nowSec - randInt(ctx, 1, 29) * DAY
                : null,
          reuse_count: draw.bypass === 'unlimited' ? null : 1,
        };
        account.bypass_codes[bypass.bypass_code_id] = bypass;
      }
    }

    account.users[user.user_id] = user;
    writeHistory(ctx, log, user, draw, phone, token, authIkey, nowSec);
  }

  const scripts = quota(pushUsers.length, PUSH_MIX, ctx.random, ctx.everyKind);
  pushUsers.forEach((user, i) => {
    const kind = scripts[i];
    if (kind !== undefined && kind !== 'approve') {
      user.push_script = { ...PUSH_SCRIPTS[kind] };
      if (ctx.history === 'rich') addScriptedAttempt(ctx, log, user, kind, account, authIkey, nowSec);
    }
  });

  if (options.directory) {
    const pending = Math.max(1, Math.round((count * DIRECTORY_PENDING_PERCENT) / 100));
    for (let k = 0; k < pending; k++) {
      const first = pickOne(ctx, FIRST_NAMES);
      const last = pickOne(ctx, LAST_NAMES);
      const username = freshName(first, last);
      directoryUsers[username] = { realname: `${first} ${last}`, email: `${username}@${domain}`, firstname: first, lastname: last };
    }
    const key = uniqueKey(ctx, 'DD');
    account.directories[key] = { directory_key: key, name: `${account.name} Active Directory`, users: directoryUsers };
  }

  log.sort((a, b) => a.timestamp_ms - b.timestamp_ms || (a.txid < b.txid ? -1 : a.txid > b.txid ? 1 : 0));
  account.auth_log.push(...log);
}

/** The log's factor name and device for a user's usual way in. */
function usualFactor(draw: Draw, phone: Phone | undefined, token: HardwareToken | undefined, user: User): { factor: string; device: string | null } {
  if (draw.status === 'bypass') return { factor: 'not_available', device: null };
  switch (draw.enrollment) {
    case 'push':
    case 'push_and_token':
      return { factor: 'duo_push', device: phone ? phoneLogName(phone) : null };
    case 'push_unactivated':
    case 'sms_voice':
      return { factor: 'sms_passcode', device: phone ? phoneLogName(phone) : null };
    case 'voice_only':
      return { factor: 'phone_call', device: phone ? phoneLogName(phone) : null };
    case 'token':
      return { factor: 'hardware_token', device: token ? token.serial : null };
    case 'webauthn':
      return { factor: 'webauthn_security_key', device: user.webauthn[0]?.credential_name ?? null };
    case 'not_enrolled':
      return { factor: 'not_available', device: null };
  }
}

/** A log row with the seed's defaults filled in. */
function entry(ctx: SeedContext, ikey: string, user: User, atSec: number, fields: Pick<AuthLogEntry, 'factor' | 'result' | 'reason' | 'device'>): AuthLogEntry {
  return {
    txid: newTxid(ctx.random),
    timestamp_ms: atSec * 1000 + Math.floor(ctx.random() * 1000),
    user_id: user.user_id,
    username: user.username,
    integration_key: ikey,
    ip: `198.51.100.${randInt(ctx, 1, 254)}`,
    hostname: null,
    ...fields,
  };
}

/**
 * Writes the user's authentication history: always the success behind `last_login` (when it falls in
 * Duo's 180-day log window); in `rich` mode also earlier successes and the failures their status implies.
 */
function writeHistory(
  ctx: SeedContext,
  log: AuthLogEntry[],
  user: User,
  draw: Draw,
  phone: Phone | undefined,
  token: HardwareToken | undefined,
  ikey: string,
  nowSec: number,
): void {
  const usual = usualFactor(draw, phone, token, user);
  const reason = draw.status === 'bypass' ? 'bypass_user' : usual.factor === 'duo_push' ? 'user_approved' : 'valid_passcode';
  if (user.last_login !== null && user.last_login > nowSec - 180 * DAY) {
    log.push(entry(ctx, ikey, user, user.last_login, { ...usual, result: 'success', reason }));
    if (ctx.history === 'rich' && draw.login === 'recent') {
      const earlier = randInt(ctx, 0, 3);
      for (let k = 0; k < earlier; k++) {
        const at = user.last_login - randInt(ctx, 1, 30 * DAY);
        if (at > user.created) log.push(entry(ctx, ikey, user, at, { ...usual, result: 'success', reason }));
      }
    }
  }
  if (ctx.history !== 'rich') return;
  if (draw.status === 'locked out') {
    const start = nowSec - randInt(ctx, 1, 14) * DAY;
    for (let k = 0; k < 3; k++) {
      log.push(entry(ctx, ikey, user, start + k * 40, { factor: 'passcode', device: null, result: 'denied', reason: 'invalid_passcode' }));
    }
    log.push(entry(ctx, ikey, user, start + 130, { factor: 'passcode', device: null, result: 'denied', reason: 'locked_out' }));
  }
  if (draw.status === 'disabled') {
    log.push(entry(ctx, ikey, user, nowSec - randInt(ctx, 1, 20) * DAY, { factor: 'not_available', device: null, result: 'denied', reason: 'user_disabled' }));
  }
}

/** In rich history, a push that went the way the user's script says, so the log shows denials and fraud. */
function addScriptedAttempt(
  ctx: SeedContext,
  log: AuthLogEntry[],
  user: User,
  kind: 'deny' | 'timeout' | 'fraud',
  account: Account,
  ikey: string,
  nowSec: number,
): void {
  const phone = account.phones[user.phone_ids[0] ?? ''];
  const device = phone ? phoneLogName(phone) : null;
  const at = nowSec - randInt(ctx, 1, 10) * DAY;
  if (kind === 'deny') log.push(entry(ctx, ikey, user, at, { factor: 'duo_push', device, result: 'denied', reason: 'user_denied' }));
  if (kind === 'timeout') log.push(entry(ctx, ikey, user, at, { factor: 'duo_push', device, result: 'denied', reason: 'no_response' }));
  if (kind === 'fraud') log.push(entry(ctx, ikey, user, at, { factor: 'duo_push', device, result: 'fraud', reason: 'user_marked_fraud' }));
}
