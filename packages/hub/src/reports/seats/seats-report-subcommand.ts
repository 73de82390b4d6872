import { connectionOptions, openCliClient } from '../../cli/open-cli-client.js';
import type { CliCommandDefinition } from '../../cli/define-command.js';
import { printResult } from '../../cli/print-result.js';
import { resolveRef } from '../../cli/resolve-ref.js';
import { formatSeatsTable } from './format-seats-table.js';

/**
 * `duohub report seats`: the seats and billing report, read live, as a table (default), CSV
 * (`--csv`, to reconcile against a PSA) or JSON. Integrations and organizations by name or id.
 */
export const seatsReportSubcommand: CliCommandDefinition = {
  name: 'seats',
  description: 'users by status and enrollment, billable users, edition and telephony credits per Duo account (parent and children), with totals',
  options: [
    { flags: '--integration <integration>', description: "only this integration's accounts, by name or id (default: every integration)" },
    { flags: '--org <org...>', description: "only these organizations' Duo accounts, by name or id (repeat for several)" },
    { flags: '--csv', description: 'print CSV: a header, one line per account, a totals line' },
    ...connectionOptions,
  ],
  run: async (ctx) => {
    const json = Boolean(ctx.options.json);
    const csv = Boolean(ctx.options.csv);
    if (json && csv) throw new Error('pass --csv or --json, not both');
    const client = await openCliClient(ctx.options, ctx.env);
    try {
      const query = new URLSearchParams();
      if (typeof ctx.options.integration === 'string') query.set('integration_id', await resolveRef(client, 'integration', ctx.options.integration));
      const orgs = ctx.options.org === undefined ? [] : ([] as string[]).concat(ctx.options.org as string | string[]);
      for (const org of orgs) query.append('organization_id', await resolveRef(client, 'organization', org));
      if (csv) query.set('format', 'csv');
      const res = await client.request('GET', `/api/reports/seats${query.size ? `?${query}` : ''}`);
      if (csv && res.status < 400) {
        ctx.io.out(String(res.body ?? ''));
        return 0;
      }
      return printResult(ctx.io, res, json, (body) => formatSeatsTable(body));
    } finally {
      await client.close();
    }
  },
};
