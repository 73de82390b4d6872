export type * from './state/types.js';
export type * from './route.js';
export type * from './emulator.js';
export type * from './logs/log-records.js';
export type { TrustMonitorEventInput } from './logs/trust-monitor.js';
export type { ScriptableLog, ScriptedRow } from './logs/add-log-entry.js';
export type { RateDecisionRecord } from './rate-decision-log.js';
export { createEmulator } from './create-emulator.js';
export { defineRoute } from './route.js';
export { wrapRoute } from './wrap-route.js';
export { routes as builtInRoutes } from './routes/index.js';
export { ok, fail, failures, DuoFailure } from './duo-result.js';
export { createRandom } from './random.js';
export { emptyState } from './seed/empty-state.js';
export { buildState } from './seed/build-state.js';
export { newAccount } from './seed/new-account.js';
export { newIntegration, ALL_GRANTS } from './seed/new-integration.js';
export { defaultSettings } from './seed/default-settings.js';
export { newUser } from './state/new-user.js';
export { putUser, removeUser, usersInOrder } from './state/user-index.js';
export { accountByHost, findIntegration, parentAccount } from './state/lookup.js';
export { paginate, type Page, type PageDefaults } from './paginate.js';
export {
  requireString,
  optionalString,
  optionalInt,
  optionalBool,
  optionalEnum,
  parseBool,
  reject,
} from './params/read-param.js';
export { serializeUser, serializeGroup, serializeToken, isEnrolled } from './serialize/serialize-user.js';
export { userJson } from './serialize/user-json-cache.js';
export { serializePhone } from './serialize/serialize-phone.js';
export { serializeBypassCode } from './serialize/serialize-bypass-code.js';
export { displayPhoneType, displayPlatform, normalizePlatform, isSmartphone } from './serialize/display-casing.js';
export { verifySignature, parseAuthorization, type SignatureInput, type SignatureVerdict } from './pipeline/verify-signature.js';
export { parseDuoDate } from './pipeline/parse-duo-date.js';
export { runEmulatorCli, parseEmulatorArgs } from './cli.js';
