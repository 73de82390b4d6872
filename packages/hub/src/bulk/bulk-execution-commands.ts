import { confirmDestructive, yesOption } from '../cli/confirm-destructive.js';
import type { CliCommandDefinition, CliIo, CliRunContext } from '../cli/define-command.js';
import type { HubClient, HubResponse } from '../cli/hub-client.js';
import { connectionOptions, openCliClient } from '../cli/open-cli-client.js';
import { printResult } from '../cli/print-result.js';
import { loadConfig } from '../config/load-config.js';
import { bulkJobOptionsFromEnv } from './bulk-job-options.js';
import { bulkRunEnded, renderBulkProgress, type BulkProgressFigures } from './render-bulk-progress.js';

type RunBody = BulkProgressFigures & { id: string; title: string; plan_hash: string; summary: string };

/**
 * The command's client. With --url it talks to a running hub, which executes the run. On the local
 * store it also starts a bulk runner in this process (a replica among others on Postgres), so the
 * run proceeds while the command waits even when no `duohub serve` is running.
 */
function openBulkClient(ctx: CliRunContext): Promise<HubClient> {
  return openCliClient(ctx.options, ctx.env, async (hub) => {
    // The runner loads only beside a local store (see open-cli-client.ts).
    const { startBulkJobs } = await import('./bulk-jobs.js');
    return startBulkJobs(hub, { retry: {}, ...bulkJobOptionsFromEnv(ctx.env), databaseUrl: loadConfig(ctx.env).databaseUrl });
  });
}

/** Whether the client works on the local store in this process (a remote hub's target is its URL). */
const isLocal = (client: HubClient) => !/^https?:\/\//.test(client.target);

const runPath = (id: string) => `/api/bulk-runs/${encodeURIComponent(id)}`;

/** The exit code of a run's state: 1 when items failed or need review, or the run was cancelled. */
export function bulkExitCode(run: BulkProgressFigures): number {
  return run.counts.failed > 0 || run.counts.review > 0 || run.status === 'cancelled' ? 1 : 0;
}

/** Several lines for people: the summary, the counts and what to do next. */
function formatRun(run: RunBody): string {
  const lines = [`${run.id}  ${run.title}`, `  ${run.summary}`, `  ${renderBulkProgress(run)}`];
  if (run.counts.review > 0) lines.push(`  ${run.counts.review} item(s) need review: duohub bulk items ${run.id} --status review`);
  if (run.counts.failed > 0) lines.push(`  ${run.counts.failed} item(s) failed: duohub bulk items ${run.id} --status failed`);
  return `${lines.join('\n')}\n`;
}

/** Polls the run until it ends (or Ctrl-C), drawing progress on stderr: one line redrawn on a terminal, a line per change otherwise. */
async function waitWithProgress(client: HubClient, io: CliIo, id: string, options: { bar: boolean; pollMs: number; quiet: boolean }): Promise<{ res: HubResponse; interrupted: boolean }> {
  let interrupted = false;
  let wake: (() => void) | undefined;
  const onSigint = () => {
    interrupted = true;
    wake?.();
  };
  process.once('SIGINT', onSigint);
  let last = '';
  try {
    for (;;) {
      const res = await client.request('GET', runPath(id));
      if (res.status >= 400) return { res, interrupted };
      const run = res.body as RunBody;
      const line = renderBulkProgress(run);
      if (!options.quiet && line !== last) io.err(options.bar ? `\r${line}` : `${line}\n`);
      last = line;
      if (bulkRunEnded(run.status) || run.status === 'paused' || interrupted) {
        if (options.bar && !options.quiet && last) io.err('\n');
        return { res, interrupted };
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, options.pollMs);
      });
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
}

const pollOption = { flags: '--poll-ms <ms>', description: 'how often to check the run while waiting', default: '500' };

/** `duohub bulk run|status|pause|resume|cancel`: executing a saved plan and steering it. */
export const bulkExecutionSubcommands: CliCommandDefinition[] = [
  {
    name: 'run',
    description: 'execute a planned run exactly as planned and wait with a progress bar (exit 1 when items failed or need review)',
    arguments: [{ name: 'id', description: 'the run id', required: true }],
    options: [
      { flags: '--plan-hash <hash>', description: "the plan hash you reviewed (default: the run's own, read now)" },
      { flags: '--no-wait', description: 'start it and return at once' },
      pollOption,
      ...connectionOptions,
    ],
    run: async (ctx) => {
      const id = ctx.args[0] as string;
      const json = ctx.options.json === true;
      const client = await openBulkClient(ctx);
      try {
        let planHash = ctx.options.planHash as string | undefined;
        if (!planHash) {
          const current = await client.request('GET', runPath(id));
          if (current.status >= 400) return printResult(ctx.io, current, json, () => '');
          planHash = (current.body as RunBody).plan_hash;
        }
        const started = await client.request('POST', `${runPath(id)}/run`, { plan_hash: planHash });
        if (started.status >= 400 || ctx.options.wait === false) {
          const code = printResult(ctx.io, started, json, (b: RunBody) => `started ${b.id}: ${b.summary}\ncheck it with: duohub bulk status ${b.id}\n`);
          if (code === 0 && ctx.options.wait === false && isLocal(client)) {
            ctx.io.err('note: on the local store the run executes while a hub runs (duohub serve) or a command waits on it\n');
          }
          return code;
        }
        const bar = process.stderr.isTTY === true && !json;
        const pollMs = Math.max(50, Number(ctx.options.pollMs) || 500);
        const { res, interrupted } = await waitWithProgress(client, ctx.io, id, { bar, pollMs, quiet: json });
        if (interrupted) {
          ctx.io.err(`stopped waiting; the run goes on${isLocal(client) ? ' when a hub runs (duohub serve)' : ''}. Check it with: duohub bulk status ${id}\n`);
          return 130;
        }
        const code = printResult(ctx.io, res, json, formatRun);
        return code !== 0 ? code : bulkExitCode(res.body as RunBody);
      } finally {
        await client.close();
      }
    },
  },
  {
    name: 'status',
    description: "a run's status and counts (exit 1 when items failed or need review)",
    arguments: [{ name: 'id', description: 'the run id', required: true }],
    options: [...connectionOptions],
    run: async (ctx) => {
      const client = await openCliClient(ctx.options, ctx.env);
      try {
        const res = await client.request('GET', runPath(ctx.args[0] as string));
        const code = printResult(ctx.io, res, ctx.options.json === true, formatRun);
        return code !== 0 ? code : bulkExitCode(res.body as RunBody);
      } finally {
        await client.close();
      }
    },
  },
  ...(['pause', 'resume'] as const).map(
    (verb): CliCommandDefinition => ({
      name: verb,
      description: verb === 'pause' ? 'pause a run: each organization stops after its current item' : 'resume a paused run',
      arguments: [{ name: 'id', description: 'the run id', required: true }],
      options: [...connectionOptions],
      run: async (ctx) => {
        const client = await openCliClient(ctx.options, ctx.env);
        try {
          const res = await client.request('POST', `${runPath(ctx.args[0] as string)}/${verb}`);
          return printResult(ctx.io, res, ctx.options.json === true, formatRun);
        } finally {
          await client.close();
        }
      },
    }),
  ),
  {
    name: 'cancel',
    description: "cancel a run: pending items are cancelled, each organization's item under way finishes",
    arguments: [{ name: 'id', description: 'the run id', required: true }],
    options: [yesOption, ...connectionOptions],
    run: async (ctx) => {
      const id = ctx.args[0] as string;
      if (!(await confirmDestructive(ctx, `Cancel bulk run ${id} (its pending items will not run)`))) return 1;
      const client = await openCliClient(ctx.options, ctx.env);
      try {
        const res = await client.request('POST', `${runPath(id)}/cancel`);
        return printResult(ctx.io, res, ctx.options.json === true, formatRun);
      } finally {
        await client.close();
      }
    },
  },
];
