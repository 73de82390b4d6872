import { connectionOptions, withCliClient } from '../open-cli-client.js';
import { defineCommand } from '../define-command.js';
import { parseTimeBound } from '../parse-since.js';
import { formatTable, printResult } from '../print-result.js';
import { resolveRef } from '../resolve-ref.js';

/**
 * `duohub audit`: the audit log as `GET /api/audit` serves it, newest first, with the same filters;
 * `--org` takes a name or an id, `--since`/`--until` also take durations (`24h`, `7d`).
 */
export const auditCommand = defineCommand({
  name: 'audit',
  description: 'list the audit log, newest first (filters as GET /api/audit)',
  options: [
    { flags: '--action <action>', description: 'only this action, e.g. integrations.create, tokens.revoke, actions.run' },
    { flags: '--org <org>', description: 'only entries about this organization (name or id)' },
    { flags: '--outcome <outcome>', description: 'success, failure, denied or unknown' },
    { flags: '--token-id <id>', description: 'only what this API token did' },
    { flags: '--since <time>', description: 'from this time on (ISO time, or a duration back from now: 90m, 24h, 7d)' },
    { flags: '--until <time>', description: 'before this time (same forms as --since)' },
    { flags: '--limit <n>', description: 'entries per page (1-1000)', default: '50' },
    { flags: '--cursor <cursor>', description: 'the next page (printed after a full page)' },
    { flags: '--csv', description: 'every matching entry as CSV (ignores --limit and --cursor)' },
    ...connectionOptions,
  ],
  run: (ctx) =>
    withCliClient(ctx, async (client) => {
      const o = ctx.options;
      const query = new URLSearchParams();
      const now = new Date();
      if (typeof o.action === 'string') query.set('action', o.action);
      if (typeof o.org === 'string') query.set('organization_id', await resolveRef(client, 'organization', o.org));
      if (typeof o.outcome === 'string') query.set('outcome', o.outcome);
      if (typeof o.tokenId === 'string') query.set('token_id', o.tokenId);
      if (typeof o.since === 'string') query.set('since', parseTimeBound(o.since, now));
      if (typeof o.until === 'string') query.set('until', parseTimeBound(o.until, now));
      if (o.csv) query.set('format', 'csv');
      else {
        query.set('limit', String(o.limit));
        if (typeof o.cursor === 'string') query.set('cursor', o.cursor);
      }
      const res = await client.request('GET', `/api/audit?${query}`);
      if (o.csv && res.status < 400) {
        ctx.io.out(String(res.body));
        return 0;
      }
      const code = printResult(ctx.io, res, Boolean(o.json), (page: { items: Array<Record<string, unknown>> }) =>
        formatTable(
          page.items.map((e) => ({ ...e, target: e.target_id ? `${e.target_type ?? ''} ${e.target_id}`.trim() : null, by: e.token_id ?? e.actor })),
          ['at', 'action', 'outcome', 'by', 'organization_id', 'target', 'error_code'],
        ),
      );
      const next = (res.body as { next_cursor?: string | null } | null)?.next_cursor;
      if (code === 0 && next && !o.json) ctx.io.err(`more: add --cursor ${next}\n`);
      return code;
    }),
});
