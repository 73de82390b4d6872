import type { EmulatorOptions, ResolvedEmulatorOptions } from './route.js';
import { resolveHardwareTokenOptions } from './tokens/hardware-token-options.js';
import { resolvePolicyOptions } from './policies/policy-options.js';

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
    duplicateAdminEmailCode: options.duplicateAdminEmailCode ?? 40003,
    lastOwner: options.lastOwner ?? 'protect',
    duplicateGroupNames: options.duplicateGroupNames ?? 40003,
    hardwareTokens: resolveHardwareTokenOptions(options.hardwareTokens),
    policies: resolvePolicyOptions(options.policies),
    trashRetentionDays: options.trashRetentionDays ?? 7,
    bulkOnFailure: options.bulkOnFailure ?? 'continue',
    onError: options.onError ?? (() => {}),
    authLongPollMs: options.authLongPollMs ?? 25_000,
    newUserPolicy: options.newUserPolicy ?? 'enroll',
    cacheUserJson: options.cacheUserJson ?? false,
    recordRateDecisions: Math.max(0, Math.floor(options.recordRateDecisions ?? 0)),
    unknownPhoneActivation: options.unknownPhoneActivation ?? 'reject',
    authDelayed: options.authDelayed ?? 'always',
    integrationSelfDelete: options.integrationSelfDelete ?? 'reject',
    legacyIntegrationSecrets: options.legacyIntegrationSecrets ?? 'masked',
    duplicateAdminUnitNames: options.duplicateAdminUnitNames ?? 40002,
    adminUnitListsOnModify: options.adminUnitListsOnModify ?? 'add',
    logoMaxBytes: options.logoMaxBytes ?? 200 * 1024,
    logoMaxPixels: options.logoMaxPixels ?? 500,
    missingLogoCode: options.missingLogoCode ?? 40002,
    logDelayMs: options.logDelayMs ?? 0,
    logWindowSlackMs: options.logWindowSlackMs ?? 60_000,
    v1LogPageCut: options.v1LogPageCut ?? 'whole_second',
    adminLogApiUsername: options.adminLogApiUsername ?? 'API',
    telephonyCreditCost: { sms: options.telephonyCreditCost?.sms ?? 1, phone: options.telephonyCreditCost?.phone ?? 1 },
  };
}
