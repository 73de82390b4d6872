import { readFile } from 'node:fs/promises';
import { confirmDestructive, yesOption } from '../cli/confirm-destructive.js';
import { defineCommand, type CliRunContext } from '../cli/define-command.js';
import type { HubClient } from '../cli/hub-client.js';
import { connectionOptions, withCliClient } from '../cli/open-cli-client.js';
import { formatTable, printResult } from '../cli/print-result.js';
import { resolveRef } from '../cli/resolve-ref.js';
import { toCliJson } from '../cli/snake-case-keys.js';
import { bulkExecutionSubcommands } from './bulk-execution-commands.js';
import { bulkPlanBody } from './bulk-plan-body.js';
import type { BulkItemView, BulkRunView } from './bulk-plan-schemas.js';
import { formatBulkItems, formatBulkRun } from './format-bulk-run.js';

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);
const runPath = (id: unknown) => `/api/bulk-runs/${encodeURIComponent(String(id))}`;
const json = (ctx: CliRunContext) => Boolean(ctx.options.json);

/** Every item of a run (following cursors), optionally of one status or organization. */
async function readAllItems(client: HubClient, id: string, query: string): Promise<{ status: number; body: unknown }> {
  const items: BulkItemView[] = [];
  let cursor: string | null = null;
  do {
    const res = await client.request('GET', `${runPath(id)}/items?limit=1000${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (res.status >= 400) return res;
    const page = res.body as { items: BulkItemView[]; next_cursor: string | null };
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return { status: 200, body: { items } };
}

const plan = defineCommand({
  name: 'plan',
  description: 'plan a catalog action over organizations (and users): lists every call with counts, saves it as a run to approve or run',
  arguments: [{ name: 'action', description: 'action id, e.g. users.enroll (see duohub actions list)', required: true }],
  options: [
    { flags: '--org <org...>', description: 'organizations by name or id (repeatable)' },
    { flags: '--all-orgs', description: 'every organization you may reach' },
    { flags: '--tag <tag...>', description: 'organizations carrying any of these tags (repeatable)' },
    { flags: '--org-pattern <glob>', description: "organizations whose name matches, * and ? (e.g. 'ACME*')" },
    { flags: '--users <query>', description: 'per-user actions: without-mfa (coverage snapshot), bypass, locked-out, disabled, inactive, all (read live)' },
    { flags: '--inactive-days <n>', description: 'with --users inactive: no login for this many days (default 90)' },
    { flags: '--snapshot <id>', description: 'with --users without-mfa: this coverage snapshot instead of the latest' },
    { flags: '--user <name...>', description: 'per-user actions: usernames, aliases or emails (repeatable)' },
    { flags: '--csv <file>', description: "per-user actions: a CSV with a username or email column, or one per line ('-' reads stdin)" },
    { flags: '--input-json <json>', description: "the action's input as a JSON object" },
    { flags: '--set <key=value...>', description: 'one input field (repeatable; the value is JSON when it parses, else text)' },
    { flags: '--title <title>', description: 'a title for the run' },
    { flags: '--require-approval', description: 'a second token with the approve scope must approve before it runs' },
    { flags: '--dry-run', description: 'show the plan with every call, save nothing' },
    ...connectionOptions,
  ],
  run: (ctx) =>
    withCliClient(ctx, async (client) => {
      const o = ctx.options;
      let csv: string | undefined;
      if (typeof o.csv === 'string') {
        if (o.csv === '-') {
          if (!ctx.io.readStdin) throw new Error('--csv -: no standard input to read');
          csv = await ctx.io.readStdin();
        } else csv = await readFile(o.csv, 'utf8');
      }
      const orgIds: string[] = [];
      for (const ref of list(o.org)) orgIds.push(await resolveRef(client, 'organization', ref));
      const built = bulkPlanBody({
        action: String(ctx.args[0]),
        orgIds,
        allOrgs: o.allOrgs === true,
        tags: list(o.tag),
        orgPattern: o.orgPattern as string | undefined,
        users: o.users as string | undefined,
        inactiveDays: o.inactiveDays as string | undefined,
        snapshot: o.snapshot as string | undefined,
        userNames: list(o.user),
        csv,
        inputJson: o.inputJson as string | undefined,
        set: list(o.set),
        title: o.title as string | undefined,
        requireApproval: o.requireApproval === true,
        dryRun: o.dryRun === true,
      });
      if ('error' in built) {
        ctx.io.err(`error: ${built.error}\n`);
        return 2;
      }
      const res = await client.request('POST', '/api/bulk-runs', built.body);
      return printResult(ctx.io, res, json(ctx), (view) => formatBulkRun(view));
    }),
});

const listRuns = defineCommand({
  name: 'list',
  description: 'list bulk runs, newest first',
  options: [
    { flags: '--status <status>', description: 'planned, queued, running, paused, cancelled or completed' },
    { flags: '--limit <n>', description: 'how many', default: '50' },
    ...connectionOptions,
  ],
  run: (ctx) =>
    withCliClient(ctx, async (client) => {
      const status = typeof ctx.options.status === 'string' ? `&status=${encodeURIComponent(ctx.options.status)}` : '';
      const res = await client.request('GET', `/api/bulk-runs?limit=${encodeURIComponent(String(ctx.options.limit))}${status}`);
      return printResult(ctx.io, res, json(ctx), (body: { items: BulkRunView[] }) =>
        formatTable(
          body.items.map((r) => ({ ...r, approval: r.requires_approval ? (r.approved ? 'approved' : 'needed') : '-', items: r.counts.total })),
          ['id', 'status', 'approval', 'items', 'created_at', 'summary'],
        ),
      );
    }),
});

const show = defineCommand({
  name: 'show',
  description: 'show a bulk run: summary, counts by organization, notes, plan hash',
  arguments: [{ name: 'id', description: 'run id', required: true }],
  options: connectionOptions,
  run: (ctx) =>
    withCliClient(ctx, async (client) => printResult(ctx.io, await client.request('GET', runPath(ctx.args[0])), json(ctx), (view) => formatBulkRun(view))),
});

const items = defineCommand({
  name: 'items',
  description: "a run's items in order (inputs redacted)",
  arguments: [{ name: 'id', description: 'run id', required: true }],
  options: [
    { flags: '--status <status>', description: 'only items in this state: pending, calling, done, skipped, failed, review, cancelled' },
    { flags: '--org <org>', description: 'only items of this organization (name or id)' },
    ...connectionOptions,
  ],
  run: (ctx) =>
    withCliClient(ctx, async (client) => {
      let query = typeof ctx.options.status === 'string' ? `&status=${encodeURIComponent(ctx.options.status)}` : '';
      if (typeof ctx.options.org === 'string') query += `&organization_id=${encodeURIComponent(await resolveRef(client, 'organization', ctx.options.org))}`;
      const res = await readAllItems(client, String(ctx.args[0]), query);
      return printResult(ctx.io, res, json(ctx), (body: { items: BulkItemView[] }) => formatBulkItems(body.items));
    }),
});

const report = defineCommand({
  name: 'report',
  description: 'every item of a run with its result: --format table, json or csv',
  arguments: [{ name: 'id', description: 'run id', required: true }],
  options: [{ flags: '--format <format>', description: 'table, json or csv', default: 'table' }, ...connectionOptions],
  run: (ctx) =>
    withCliClient(ctx, async (client) => {
      const format = String(ctx.options.format);
      if (!['table', 'json', 'csv'].includes(format)) {
        ctx.io.err(`error: --format must be table, json or csv\n`);
        return 2;
      }
      const res = await client.request('GET', `${runPath(ctx.args[0])}/report?format=${format === 'csv' ? 'csv' : 'json'}`);
      if (res.status >= 400) return printResult(ctx.io, res, json(ctx), () => '');
      if (format === 'csv') ctx.io.out(String(res.body));
      else if (format === 'json' || json(ctx)) ctx.io.out(toCliJson(res.body));
      else ctx.io.out(formatBulkItems(res.body as BulkItemView[]));
      return 0;
    }),
});

const approve = defineCommand({
  name: 'approve',
  description: 'approve a planned run that requires approval (shows it and asks first on a terminal; --yes otherwise)',
  arguments: [{ name: 'id', description: 'run id', required: true }],
  options: [yesOption, ...connectionOptions],
  run: (ctx) =>
    withCliClient(ctx, async (client) => {
      const found = await client.request('GET', runPath(ctx.args[0]));
      if (found.status >= 400) return printResult(ctx.io, found, json(ctx), () => '');
      const view = found.body as BulkRunView;
      if (!json(ctx)) ctx.io.err(formatBulkRun(view).replace(/\nnext:[^\n]*\n$/, '\n'));
      if (!(await confirmDestructive(ctx, `Approve bulk run ${view.id}: ${view.summary}`))) return 1;
      const res = await client.request('POST', `${runPath(view.id)}/approve`, { plan_hash: view.plan_hash });
      return printResult(ctx.io, res, json(ctx), (v: BulkRunView) => `approved ${v.id}; run it with: duohub bulk run ${v.id}\n`);
    }),
});

const discard = defineCommand({
  name: 'discard',
  description: 'discard a plan that has not started (asks first on a terminal; --yes otherwise)',
  arguments: [{ name: 'id', description: 'run id', required: true }],
  options: [yesOption, ...connectionOptions],
  run: (ctx) =>
    withCliClient(ctx, async (client) => {
      const found = await client.request('GET', runPath(ctx.args[0]));
      if (found.status >= 400) return printResult(ctx.io, found, json(ctx), () => '');
      const view = found.body as BulkRunView;
      if (!(await confirmDestructive(ctx, `Discard bulk run ${view.id}: ${view.summary}`))) return 1;
      const res = await client.request('DELETE', runPath(view.id));
      return printResult(ctx.io, { ...res, body: res.body ?? { discarded: view.id } }, json(ctx), () => `discarded ${view.id}\n`);
    }),
});

/** `duohub bulk plan|list|show|items|report|approve|discard` and the execution subcommands (run, status, pause, resume, cancel). */
export const bulkCommand = defineCommand({
  name: 'bulk',
  description: 'bulk runs: one catalog action over many organizations and users, planned first, approved, run and reported',
  subcommands: [plan, listRuns, show, items, report, approve, discard, ...bulkExecutionSubcommands],
});
