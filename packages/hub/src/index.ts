export { createApp, type CreateAppOptions } from './api/create-app.js';
export { apiRouteModules, coreRouteModules } from './api/api-route-modules.js';
export { defineApiRoute, type ApiRouteAccess, type ApiRouteDefinition, type ApiRouteModule } from './api/define-api-route.js';
export type { HubEnv } from './api/hub-env.js';
export { HttpMetrics } from './api/http-metrics.js';
export { errorResponses, ErrorBodySchema, IdParamSchema, ForceQuerySchema } from './api/schemas/common-schemas.js';
export * from './integrations/integration-schemas.js';
export * from './organizations/organization-schemas.js';
export * from './access/token-schemas.js';
export * from './audit/audit-schemas.js';

export { cliActor, systemActor, requireScope, requireUnlimited, requireOrganizationAccess, canAccessOrganization, type Actor } from './access/actor.js';
export { SCOPES, scopeSatisfies, expandScopes, type Scope } from './access/scopes.js';
export { generateApiToken, hashApiToken, parseBearer, TOKEN_PREFIX } from './access/api-token.js';
export { createToken, listTokens, revokeToken, authenticateToken, ensureBootstrapToken } from './access/token-service.js';

export { auditedWrite, auditFailure } from './audit/audited-write.js';
export { recordAudit, type AuditTarget } from './audit/record-audit.js';
export { redactInputs, REDACTED } from './audit/redact-inputs.js';
export { queryAudit, exportAuditCsv } from './audit/query-audit.js';

export { loadConfig, HubConfigError, type HubConfig } from './config/load-config.js';
export { loadMasterKey, type MasterKeySource } from './config/load-master-key.js';
export { SecretBox, SecretBoxError } from './crypto/secret-box.js';
export { maskSecret } from './crypto/mask-secret.js';

export { errorRegistry, isErrorCode, type ErrorCode, type ErrorBody, type FieldIssue } from './errors/error-registry.js';
export { HubError, isHubError } from './errors/hub-error.js';
export { toErrorResponse } from './errors/to-error-response.js';
export { zodIssuesToFieldIssues } from './errors/zod-issues-to-field-issues.js';

export type { HubContext } from './hub-context.js';
export { createLogger, REDACT_PATHS } from './log/create-logger.js';
export { SecretScrubber } from './log/secret-scrubber.js';

export { resolveDuoClients, type ResolvedDuoClients } from './integrations/resolve-duo-clients.js';
export { defaultDuoConnectOptions, PacerRegistry, type DuoConnectOptions } from './integrations/duo-connect-options.js';
export { duoClientOptions } from './integrations/duo-client-options.js';
export { checkCredentialSets, type CheckTarget } from './integrations/check-credential-sets.js';
export { diagnoseCredentialSet, type SetProbes, type DiagnoseOptions } from './integrations/diagnose-credential-set.js';
export { toProbeOutcome, type ProbeOutcome } from './integrations/probe-outcome.js';
export { fetchDuoAccounts, type DuoAccount } from './integrations/list-duo-accounts.js';
export {
  listIntegrations,
  getIntegration,
  createIntegration,
  updateIntegration,
  deleteIntegration,
  testIntegration,
} from './integrations/integration-service.js';

export { normalizeOrgName, LEGAL_SUFFIXES, type NormalizedOrgName } from './organizations/normalize-org-name.js';
export { orgNameSimilarity, stringRatio, type NameSimilarity } from './organizations/org-name-similarity.js';
export { rankMappingSuggestions, scoreCandidate, pickAccountsToSample, type MappingSuggestion } from './organizations/rank-mapping-suggestions.js';
export { suggestMappings, applyMappingSuggestions } from './organizations/mapping-suggestions.js';
export { listOrganizations, getOrganization, createOrganization, updateOrganization, deleteOrganization } from './organizations/organization-service.js';
export { loadOrganization, toOrganizationView, openDirectoryKey } from './organizations/organization-records.js';

export { openStore, migrate, type Store, type OpenStoreOptions } from './store/open-store.js';
export { hubMigrations } from './store/migrations/hub-migrations.js';
export type * from './store/database.js';
export { newId } from './store/new-id.js';

export { openHub, type OpenedHub, type OpenHubOptions } from './server/open-hub.js';
export { startServer, type RunningServer } from './server/start-server.js';
export { runServe, untilSignal, type RunServeOptions } from './server/run-serve.js';
export { runDemo, type RunDemoOptions, type DemoSummary } from './demo/run-demo.js';

export { runCli, type RunCliOptions } from './cli.js';
export { cliCommands, coreCommands } from './cli/cli-commands.js';
export { defineCommand, type CliCommandDefinition, type CliIo, type CliRunContext } from './cli/define-command.js';
export { remoteHubClient, inProcessHubClient, type HubClient, type HubResponse } from './cli/hub-client.js';
export { openCliClient, withCliClient, connectionOptions } from './cli/open-cli-client.js';
export { printResult, formatTable } from './cli/print-result.js';
