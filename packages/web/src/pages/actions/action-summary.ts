import type { JsonSchema } from '../../ui/schema-fields.ts';

/** A catalog entry as `GET /api/actions` lists it. */
export interface ActionSummary {
  id: string;
  title: string;
  description: string;
  /** The Duo API family: admin, accounts or auth. */
  api: string;
  resource: string;
  idempotent: boolean;
  readOnly: boolean;
  destructive: boolean;
  input: JsonSchema;
  output?: JsonSchema;
}

/** The answer of `POST /api/actions/{id}/run`. */
export interface RunResult {
  action: string;
  dryRun: boolean;
  output: unknown;
}
