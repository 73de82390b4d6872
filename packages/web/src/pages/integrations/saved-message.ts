import type { Integration } from './integration-types.ts';

/** What a successful save tells the page: the saved integration, whether it is new, and whether Duo was asked. */
export interface SavedIntegration {
  integration: Integration;
  created: boolean;
  checked: boolean;
  forced: boolean;
}

/** The sentence a page shows after a save. */
export function savedMessage({ integration, created, checked, forced }: SavedIntegration): string {
  // Without force a failed check refuses the save, so a saved, checked integration passed what was checked;
  // an edit re-checks only what changed (the other sets keep their earlier results).
  const verdict = !checked
    ? 'no credentials changed, so nothing was re-checked'
    : forced && !integration.last_check?.ok
      ? 'stored without passing every check'
      : created
        ? 'all checks passed'
        : 'the changed credentials passed their checks';
  return `${created ? 'Added' : 'Saved'} "${integration.name}": ${verdict}.`;
}
