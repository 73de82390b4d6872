import type { JsonSchema } from '../../ui/schema-fields.ts';

import type { ActionDescription } from '../../../../hub/src/actions/describe-action.ts';

/** A catalog entry as `GET /api/actions` lists it: the hub's description, its schemas read as JSON Schema. */
export type ActionSummary = Omit<ActionDescription, 'input' | 'output'> & { input: JsonSchema; output?: JsonSchema };

/** The answer of `POST /api/actions/{id}/run`. */
export interface RunResult {
  action: string;
  dry_run: boolean;
  output: unknown;
}
