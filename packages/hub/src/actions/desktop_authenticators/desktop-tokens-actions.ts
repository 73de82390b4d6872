import { desktopTokensActivate, desktopTokensCreate, desktopTokensGet, desktopTokensUpdate, usersDesktopTokensList } from '@duohub/sdk';
import { diffFields, dryRunByReading } from '../from-endpoint/dry-run-by-reading.js';
import { endpointAction } from '../from-endpoint/endpoint-action.js';

// Desktop tokens are deprecated by Duo (Duo Desktop replaced them) but still served; MSPs with old
// clients still find them in accounts, so the catalog reads and tidies them.

export const desktopTokensGetAction = endpointAction(desktopTokensGet, {
  resource: 'desktop_tokens',
  title: 'Get desktop token (deprecated)',
  description: 'Reads one legacy desktop token with its platform and users.',
});

export const desktopTokensCreateAction = endpointAction(desktopTokensCreate, {
  resource: 'desktop_tokens',
  title: 'Create desktop token (deprecated)',
  description: 'Creates a legacy desktop token for a platform. Duo deprecated these; prefer Duo Desktop.',
});

export const desktopTokensUpdateAction = endpointAction(desktopTokensUpdate, {
  resource: 'desktop_tokens',
  title: 'Update desktop token (deprecated)',
  description: "Renames a legacy desktop token or changes its platform. A dry run shows what would change.",
  destructive: true,
  dryRun: dryRunByReading(
    desktopTokensGet,
    (target) => `would update desktop token ${String(target['name'] || target['desktoptoken_id'])}`,
    (target, input) => diffFields(target, input, ['name', 'platform']),
  ),
});

export const desktopTokensActivateAction = endpointAction(desktopTokensActivate, {
  resource: 'desktop_tokens',
  title: 'Activate desktop token (deprecated)',
  description: 'Creates activation and installation links for a legacy desktop token.',
});

export const usersDesktopTokensListAction = endpointAction(usersDesktopTokensList, {
  id: 'desktop_tokens.list_for_user',
  resource: 'desktop_tokens',
  title: "List a user's desktop tokens (deprecated)",
  description: "Lists the legacy desktop tokens of one user, by Duo user id.",
});
