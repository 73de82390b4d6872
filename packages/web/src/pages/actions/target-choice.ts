import type { RunTarget } from './run-targets.js';

/** The localStorage key of the last "Run on" choice in this browser. */
export const REMEMBERED_TARGET_KEY = 'duohub.actions.runOn';

/**
 * Where the action runs: the target the URL names (`?on=`), else the one chosen last in this browser,
 * when it is offered and enabled; otherwise none. There is no default: with nothing chosen the page
 * asks "Choose where to run…", so an action never lands on an account nobody picked.
 */
export function chooseTarget(targets: readonly RunTarget[], urlKey: string | null | undefined, remembered: string | null | undefined): RunTarget | undefined {
  const usable = (key: string | null | undefined) => (key ? targets.find((t) => t.key === key && t.disabled === undefined) : undefined);
  return usable(urlKey) ?? usable(remembered);
}
