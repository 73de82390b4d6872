import { actionCommands } from '../actions/action-commands.js';
import { bulkCommand } from '../bulk/bulk-command.js';
import { auditCommand } from './commands/audit-command.js';
import { integrationsCommand } from './commands/integrations-command.js';
import { logsCommand } from './commands/logs-command.js';
import { loginCommand, logoutCommand, profilesCommand } from './commands/login-command.js';
import { orgsCommand } from './commands/orgs-command.js';
import { demoCommand, emulatorCommand, serveCommand } from './commands/runtime-commands.js';
import { tokensCommand } from './commands/tokens-command.js';
import { reportCommand } from '../reports/report-command.js';
import type { CliCommandDefinition } from './define-command.js';
import { verifyCommand } from '../mfa/verify-command.js';
import { keysCommand } from '../keys/keys-command.js';
import { baselinesCommand } from '../baselines/baseline-command.js';

/** The hub's own commands. */
export const coreCommands: readonly CliCommandDefinition[] = [
  serveCommand,
  demoCommand,
  emulatorCommand,
  integrationsCommand,
  orgsCommand,
  bulkCommand,
  tokensCommand,
  reportCommand,
  keysCommand,
  auditCommand,
  logsCommand,
  baselinesCommand,
  loginCommand,
  logoutCommand,
  profilesCommand,
];

/** Every command `duohub` offers; the action catalog adds `actionCommands` here. */
export const cliCommands: readonly CliCommandDefinition[] = [...coreCommands, verifyCommand, ...actionCommands];
