import type { EmulatorOptions, ResolvedEmulatorOptions } from './route.js';
import { resolveHardwareTokenOptions } from './tokens/hardware-token-options.js';

/** Applies the defaults every option documents (skew 300 s, SHA-1 accepted, clamp, no limits or faults). */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedEmulatorOptions {
  return {
    clockSkewSec: options.clockSkewSec ?? 300,
    rejectSha1: options.rejectSha1 ?? false,
    overMaxLimit: options.overMaxLimit ?? 'clamp',
    defaultAccountId: options.defaultAccountId,
    // Off unless asked for: contract tests fire bursts that Duo's real limits would throttle.
    rateLimits: options.rateLimits ?? false,
    faults: options.faults ?? [],
    randomSeed: options.randomSeed ?? 1,
    otp: options.otp ?? '123456',
    now: options.now ?? Date.now,
    unknownHosts: options.unknownHosts ?? 'default',
    duplicateUsernameCode: options.duplicateUsernameCode ?? 40003,
    duplicateGroupNames: options.duplicateGroupNames ?? 40003,
    hardwareTokens: resolveHardwareTokenOptions(options.hardwareTokens),
    trashRetentionDays: options.trashRetentionDays ?? 7,
    bulkOnFailure: options.bulkOnFailure ?? 'continue',
    onError: options.onError ?? (() => {}),
    authLongPollMs: options.authLongPollMs ?? 25_000,
    newUserPolicy: options.newUserPolicy ?? 'enroll',
    cacheUserJson: options.cacheUserJson ?? false,
    unknownPhoneActivation: options.unknownPhoneActivation ?? 'reject',
    authDelayed: options.authDelayed ?? 'always',
  };
}
