import { connectionOptions, openCliClient } from '../cli/open-cli-client.js';
import { defineCommand, type CliIo } from '../cli/define-command.js';
import type { HubClient } from '../cli/hub-client.js';
import { formatTable, printResult } from '../cli/print-result.js';
import { loadConfig } from '../config/load-config.js';
import { startCoverageJobs } from '../jobs/mfa-coverage/coverage-jobs.js';
import { coverageJobOptionsFromEnv } from '../jobs/mfa-coverage/coverage-job-options.js';
import { renderProgress, type ProgressFigures } from './render-progress.js';
import { runCoverageToEnd } from './run-coverage-to-end.js';

type ProgressStyle = 'bar' | 'lines' | 'none';

/**
 * The command's client. With --url it talks to a running hub, which runs the tasks. On the local
 * store it also starts a runner (a replica among others on Postgres), so the run proceeds even
 * when no `duohub serve` is running.
 */
function openReportClient(options: Record<string, unknown>, env: Record<string, string | undefined>): Promise<HubClient> {
  return openCliClient(options, env, (hub) =>
    startCoverageJobs(hub, {
      retry: {},
      ...coverageJobOptionsFromEnv(env),
      scheduleMs: undefined,
      databaseUrl: loadConfig(env).databaseUrl,
    }),
  );
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

/** `duohub report mfa-coverage`: starts a fleet run, shows its progress, prints the per-organization table. */
export const reportCommand = defineCommand({
  name: 'report',
  description: 'reports over the fleet',
  subcommands: [
    {
      name: 'mfa-coverage',
      description: 'run the MFA coverage report over every Duo child account and print it per organization',
      options: [
        { flags: '--integration <id>', description: 'the integration to scan (default: the only one)' },
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
          let integrationId = ctx.options.integration as string | undefined;
          if (!integrationId) {
            const res = await client.request('GET', '/api/integrations');
            if (res.status >= 400) return printResult(ctx.io, res, json, () => '');
            const items = (res.body as { items: Array<{ id: string; name: string }> }).items;
            if (items.length !== 1) {
              ctx.io.err(
                items.length === 0
                  ? 'error: no integration yet; add one with `duohub integrations add`\n'
                  : `error: several integrations; pass --integration with one of: ${items.map((i) => `${i.id} (${i.name})`).join(', ')}\n`,
              );
              return 1;
            }
            integrationId = items[0]!.id;
          }
          const progress = progressPrinter(ctx.io, style);
          const end = await runCoverageToEnd(client, integrationId, { pollMs, onProgress: (p) => progress.update(p) });
          progress.end();
          if (end.kind === 'refused') return printResult(ctx.io, end.res, json, () => '');
          if (end.kind === 'not_done') {
            ctx.io.err(`error: the run ${end.runId} ended ${end.run.status}${end.run.error ? `: ${end.run.error.message}` : ''}\n`);
            return 1;
          }
          return printResult(ctx.io, end.report, json, (body) => formatReport(body));
        } finally {
          await client.close();
        }
      },
    },
  ],
});

/** The per-organization table and a totals line. */
export function formatReport(body: {
  snapshot: { id: string; taken_at: string };
  totals: { counts: { users: number; noMfa: number }; percentages: { mfa: number } };
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
    `total: ${t.counts.users} users, ${t.percentages.mfa.toFixed(2)}% with MFA, ${t.counts.noMfa} without\n`
  );
}
