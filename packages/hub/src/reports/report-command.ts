import { connectionOptions, openCliClient } from '../cli/open-cli-client.js';
import { defineCommand, type CliIo } from '../cli/define-command.js';
import type { HubClient } from '../cli/hub-client.js';
import { formatTable, printResult } from '../cli/print-result.js';
import { resolveIntegrationOrOnly } from '../cli/resolve-ref.js';
import { toCliJson } from '../cli/snake-case-keys.js';
import { loadConfig } from '../config/load-config.js';
import { coverageJobOptionsFromEnv } from '../jobs/mfa-coverage/coverage-job-options.js';
import { flattenUsersWithoutMfa, formatOrganizationCoverage, formatUsersWithoutMfa, selectCoverageRow, type CoverageRow } from './coverage-drill-down.js';
import { renderProgress, type ProgressFigures } from './render-progress.js';
import { runCoverageToEnd } from './run-coverage-to-end.js';
import { seatsReportSubcommand } from './seats/seats-report-subcommand.js';
import type { CoverageCountsView, CoveragePercentagesView } from './mfa-coverage-history/coverage-view.js';

type ProgressStyle = 'bar' | 'lines' | 'none';

/**
 * The command's client. With --url it talks to a running hub, which runs the tasks. On the local
 * store it also starts a runner (a replica among others on Postgres), so the run proceeds even
 * when no `duohub serve` is running.
 */
function openReportClient(options: Record<string, unknown>, env: Record<string, string | undefined>): Promise<HubClient> {
  return openCliClient(options, env, async (hub) => {
    // The runner loads only beside a local store (see open-cli-client.ts).
    const { startCoverageJobs } = await import('../jobs/mfa-coverage/coverage-jobs.js');
    return startCoverageJobs(hub, {
      retry: {},
      ...coverageJobOptionsFromEnv(env),
      scheduleMs: undefined,
      databaseUrl: loadConfig(env).databaseUrl,
    });
  });
}

/** Draws progress on stderr: a bar redrawn in place, a line per change, or nothing. */
function progressPrinter(io: CliIo, style: ProgressStyle): { update(p: ProgressFigures): void; end(): void } {
  let last = '';
  return {
    update(p) {
      const text = renderProgress(p);
      if (text === last || style === 'none') return;
      last = text;
      io.err(style === 'bar' ? `\r${text}` : `${text}\n`);
    },
    end() {
      if (style === 'bar' && last) io.err('\n');
    },
  };
}

/**
 * `duohub report mfa-coverage`: starts a fleet run, shows its progress, prints the per-organization
 * table; or shows a snapshot already taken (`--latest`, `--run`). `--org` drills down to one
 * organization and `--without-mfa` lists the users without MFA.
 */
export const reportCommand = defineCommand({
  name: 'report',
  description: 'reports over the fleet',
  subcommands: [
    {
      name: 'mfa-coverage',
      description: 'run the MFA coverage report over every Duo child account and print it per organization (or drill down: --org, --without-mfa)',
      options: [
        { flags: '--integration <integration>', description: 'the integration to scan, by name or id (default: the only one)' },
        { flags: '--org <org>', description: 'drill down to one organization (name or id; or an unmapped Duo account)' },
        { flags: '--without-mfa', description: 'list the users without MFA (of --org, else of every organization)' },
        { flags: '--latest', description: 'show the latest snapshot instead of scanning now' },
        { flags: '--run <id>', description: 'show the snapshot of this run instead of scanning now' },
        { flags: '--progress <style>', description: 'bar (redrawn in place), lines, none; default bar on a terminal, else lines' },
        { flags: '--poll-ms <ms>', description: 'how often to check the run', default: '250' },
        ...connectionOptions,
      ],
      run: async (ctx) => {
        const json = Boolean(ctx.options.json);
        const requested = ctx.options.progress as string | undefined;
        if (requested !== undefined && !['bar', 'lines', 'none'].includes(requested)) throw new Error('--progress must be bar, lines or none');
        const style: ProgressStyle = (requested as ProgressStyle | undefined) ?? (process.stderr.isTTY && !json ? 'bar' : 'lines');
        const pollMs = Math.max(20, Number(ctx.options.pollMs) || 250);
        const client = await openReportClient(ctx.options, ctx.env);
        try {
          const existing = typeof ctx.options.run === 'string' || ctx.options.latest === true;
          const org = ctx.options.org as string | undefined;
          const withoutMfa = ctx.options.withoutMfa === true;
          // Figures first, users only where shown: the users without MFA are nearly all of a large fleet's
          // report. The fleet's table needs none; one organization's are read for it alone (below).
          const includeUsers = org === undefined && (json || withoutMfa);
          let report;
          if (existing) {
            const query = new URLSearchParams();
            if (typeof ctx.options.run === 'string') query.set('run', ctx.options.run);
            if (!includeUsers) query.set('include_users', 'false');
            if (typeof ctx.options.integration === 'string') query.set('integration_id', await resolveIntegrationOrOnly(client, ctx.options.integration));
            report = await client.request('GET', `/api/reports/mfa-coverage${query.size ? `?${query}` : ''}`);
          } else {
            const integrationId = await resolveIntegrationOrOnly(client, ctx.options.integration as string | undefined);
            const progress = progressPrinter(ctx.io, style);
            const end = await runCoverageToEnd(client, integrationId, { pollMs, includeUsers, onProgress: (p) => progress.update(p) });
            progress.end();
            if (end.kind === 'refused') return printResult(ctx.io, end.res, json, () => '');
            if (end.kind === 'not_done') {
              ctx.io.err(`error: the run ${end.runId} ended ${end.run.status}${end.run.error ? `: ${end.run.error.message}` : ''}\n`);
              return 1;
            }
            report = end.report;
          }
          if (report.status >= 400 || (!org && !withoutMfa)) return printResult(ctx.io, report, json, (body) => formatReport(body));
          const body = report.body as { snapshot: { id: string; taken_at: string }; organizations: CoverageRow[] };
          let rows = body.organizations;
          if (org) {
            const row = selectCoverageRow(body.organizations, org);
            rows = [row];
            if (withoutMfa || json) {
              const key = encodeURIComponent(row.organization_id ?? row.duo_account_id);
              const one = await client.request('GET', `/api/reports/mfa-coverage?run=${encodeURIComponent(body.snapshot.id)}&organization=${key}`);
              if (one.status >= 400) return printResult(ctx.io, one, json, () => '');
              rows = (one.body as { organizations: CoverageRow[] }).organizations;
            }
          }
          if (withoutMfa) {
            if (json) ctx.io.out(toCliJson({ snapshot: body.snapshot, users_without_mfa: flattenUsersWithoutMfa(rows) }));
            else ctx.io.out(formatUsersWithoutMfa(rows, body.snapshot));
          } else if (json) ctx.io.out(toCliJson({ snapshot: body.snapshot, organization: rows[0] }));
          else ctx.io.out(formatOrganizationCoverage(rows[0]!, body.snapshot));
          return 0;
        } finally {
          await client.close();
        }
      },
    },
    seatsReportSubcommand,
  ],
});

/** The per-organization table and a totals line. */
export function formatReport(body: {
  snapshot: { id: string; taken_at: string };
  totals: { counts: Pick<CoverageCountsView, 'users' | 'no_mfa'>; percentages: Pick<CoveragePercentagesView, 'mfa'> };
  organizations: Array<{ name: string; status: string; users: number; no_mfa: number; mfa_percent: number; error: { message: string } | null }>;
}): string {
  const rows = body.organizations.map((o) => ({
    organization: o.name,
    users: o.users,
    'mfa %': o.status === 'ok' ? o.mfa_percent.toFixed(2) : 'failed',
    'without mfa': o.status === 'ok' ? o.no_mfa : o.error?.message ?? 'failed',
  }));
  const t = body.totals;
  return (
    `MFA coverage ${body.snapshot.id} as of ${body.snapshot.taken_at}\n` +
    formatTable(rows, ['organization', 'users', 'mfa %', 'without mfa']) +
    `total: ${t.counts.users} users, ${t.percentages.mfa.toFixed(2)}% with MFA, ${t.counts.no_mfa} without\n`
  );
}
