import { z } from 'zod';

/** Hub id of an integration or organization in a run request. */
const hubId = z.string().min(1).max(100);

/** The body of `POST /api/actions/{id}/run`; `input` is checked against the action's own schema. */
export const runRequestSchema = z.strictObject({
  integration_id: hubId.describe('The integration whose credentials the action uses'),
  organization_id: hubId.optional().describe("The organization whose Duo account the action acts on (default: the integration's parent account)"),
  input: z.unknown().optional().describe("The action's input"),
  dry_run: z.boolean().optional().describe('Destructive actions: resolve the target and report, change nothing'),
});

/** The camelCase names the run body had before issue 19, still taken for one release (see `acceptLegacyKeys`). */
export const LEGACY_RUN_KEYS: Readonly<Record<string, string>> = {
  integrationId: 'integration_id',
  organizationId: 'organization_id',
  dryRun: 'dry_run',
};

/** A parsed run request body. */
export type RunRequestBody = z.output<typeof runRequestSchema>;

/** The body schema documented for one action: the run envelope with that action's input schema. */
export function runRequestSchemaFor(input: z.ZodType) {
  return runRequestSchema.extend({ input });
}
