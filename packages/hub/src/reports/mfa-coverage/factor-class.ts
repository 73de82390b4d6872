import type { CoverageUser, FactorClass } from './coverage-types.js';

/** Options of the factor rules. */
export interface FactorRuleOptions {
  /**
   * Count legacy U2F tokens as WebAuthn credentials. Default false: the Zeron rule names phones,
   * hardware tokens and WebAuthn credentials only (Duo's own `is_enrolled` also counts U2F).
   */
  countU2f?: boolean | undefined;
}

const count = (list: readonly unknown[] | undefined): number => (Array.isArray(list) ? list.length : 0);

/**
 * The rule in the Zeron integration guide: a user has MFA when they hold any phone, hardware token
 * or WebAuthn credential, whatever its state.
 */
export function hasMfa(user: CoverageUser, options: FactorRuleOptions = {}): boolean {
  return (
    count(user.phones) > 0 ||
    count(user.tokens) > 0 ||
    count(user.webauthncredentials) > 0 ||
    (options.countU2f === true && count(user.u2ftokens) > 0)
  );
}

/**
 * The user's strongest factor, first match wins: a WebAuthn credential; an activated phone with the
 * `push` capability; a hardware token; any other phone (SMS, voice or passcodes only, including an
 * unactivated smartphone); none. Agrees with `hasMfa`: the class is `none` exactly when it is false.
 */
export function factorClass(user: CoverageUser, options: FactorRuleOptions = {}): FactorClass {
  if (count(user.webauthncredentials) > 0 || (options.countU2f === true && count(user.u2ftokens) > 0)) return 'webauthn';
  const phones = Array.isArray(user.phones) ? user.phones : [];
  // Duo pushes only to an activated Duo Mobile; a missing `activated` field is trusted to the capability list.
  if (phones.some((p) => p?.activated !== false && Array.isArray(p?.capabilities) && p.capabilities.includes('push'))) return 'push_capable';
  if (count(user.tokens) > 0) return 'hardware_token';
  if (phones.length > 0) return 'sms_voice_only';
  return 'none';
}
