import { t } from './shape.js';

/**
 * Shapes of the objects Duo's answers carry, in Duo's field names (API.md 4). Fields the emulator
 * and Duo's examples always send are required; every object admits more keys, since Duo adds
 * fields over time.
 */

const nullableString = t.string({ nullable: true });
const nullableSeconds = t.integer({ nullable: true, description: 'Unix seconds' });

/** A group as embedded in a user (and as the groups endpoints return it). */
export const groupShape = t.object(
  {
    group_id: t.string(),
    name: t.string(),
    desc: t.string({ nullable: true }),
    status: t.string(),
    push_enabled: t.boolean({ description: 'Legacy; always false' }),
    sms_enabled: t.boolean(),
    voice_enabled: t.boolean(),
    mobile_otp_enabled: t.boolean(),
  },
  { required: ['group_id', 'name'] },
);

/** A hardware token as embedded in a user. */
export const tokenShape = t.object(
  { token_id: t.string(), type: t.string(), serial: t.string(), totp_step: t.integer({ nullable: true }) },
  { required: ['token_id', 'type', 'serial'] },
);

const userCore = {
  user_id: t.string(),
  username: t.string(),
  realname: t.string(),
  firstname: t.string(),
  lastname: t.string(),
  email: t.string(),
  status: t.string({ description: 'active, bypass, disabled, locked out or pending deletion' }),
  lockout_reason: nullableString,
  notes: t.string(),
  created: t.integer({ description: 'Unix seconds' }),
  last_login: nullableSeconds,
  last_directory_sync: nullableSeconds,
  is_enrolled: t.boolean(),
  alias1: nullableString,
  alias2: nullableString,
  alias3: nullableString,
  alias4: nullableString,
  aliases: t.object({}, { additionalProperties: t.string() }),
  external_id: nullableString,
  enable_auto_prompt: t.boolean(),
} as const;

const phoneCore = {
  phone_id: t.string(),
  number: t.string(),
  extension: t.string(),
  name: t.string(),
  type: t.string({ description: 'Display casing: Mobile, Landline, Unknown' }),
  platform: t.string({ description: 'Display casing, e.g. Apple iOS' }),
  model: t.string(),
  activated: t.boolean(),
  capabilities: t.array(t.string()),
  sms_passcodes_sent: t.boolean(),
  predelay: nullableString,
  postdelay: nullableString,
  last_seen: t.string(),
  encrypted: t.string(),
  fingerprint: t.string(),
  screenlock: t.string(),
  tampered: t.string(),
} as const;

/** A user as embedded in a phone (no devices). */
export const userSummaryShape = t.object(userCore, { required: ['user_id', 'username'] });

/** A phone as embedded in a user (no users). */
export const phoneSummaryShape = t.object(phoneCore, { required: ['phone_id'] });

/** A Duo user with its groups, phones and tokens. */
export const userShape = t.object(
  {
    ...userCore,
    groups: t.array(groupShape),
    phones: t.array(phoneSummaryShape),
    tokens: t.array(tokenShape),
    u2ftokens: t.array(t.object({})),
    webauthncredentials: t.array(t.object({ webauthnkey: t.string(), credential_name: t.string(), label: t.string(), date_added: t.integer() })),
    desktopauthenticators: t.array(t.object({})),
  },
  { required: ['user_id', 'username', 'status'] },
);

/** A phone with its users. */
export const phoneShape = t.object({ ...phoneCore, users: t.array(userSummaryShape) }, { required: ['phone_id'] });

/** Bypass-code metadata: Duo never shows a code after creating it. */
export const bypassCodeShape = t.object(
  {
    bypass_code_id: t.string(),
    admin_email: t.string(),
    created: t.integer({ description: 'Unix seconds' }),
    expiration: t.integer({ nullable: true, description: 'Unix seconds; null: never expires' }),
    reuse_count: t.integer({ nullable: true, description: 'Uses left; null: unlimited' }),
    user: t.object(
      { user_id: t.string(), username: t.string(), realname: t.string(), email: t.string(), status: t.string(), created: t.integer(), last_login: nullableSeconds },
      { nullable: true },
    ),
  },
  { required: ['bypass_code_id'] },
);

/** A child account as the Accounts API lists it. */
export const accountShape = t.object(
  { account_id: t.string(), name: t.string(), api_hostname: t.string() },
  { required: ['account_id', 'name', 'api_hostname'] },
);

/** Duo's answer to calls that return nothing: an empty string. */
export const emptyAnswer = t.string({ description: 'Empty string' });
