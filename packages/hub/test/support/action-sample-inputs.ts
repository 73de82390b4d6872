/**
 * Inputs for catalog actions whose schema alone does not yield a valid sample (a refinement such
 * as "user_id or username", "at least one setting"), or whose sample would rename a Duo account.
 */
export const ACTION_SAMPLE_INPUTS: Record<string, unknown> = {
  'settings.update': { helpdesk_message: 'sample' },
  'auth.send': { username: 'alpha-own-marker-user', factor: 'push' },
  'bypass_codes.retrieve_for_user': { username: 'alpha-own-marker-user' },
  'bypass_codes.metadata_for_user': { username: 'alpha-own-marker-user' },
  'users.update': { user_id: 'A'.repeat(20), notes: 'sample' },
  'accounts.create': { name: 'sample child' },
};

/** The action id of a run route (`/api/actions/{id}/run` with a concrete id), if it is one. */
export function actionIdOf(path: string): string | undefined {
  return /^\/api\/actions\/([^/{}]+)\/run$/.exec(path)?.[1];
}
