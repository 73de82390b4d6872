import { readFile } from 'node:fs/promises';
import { confirmDestructive, yesOption } from '../cli/confirm-destructive.js';
import { defineCommand, type CliRunContext } from '../cli/define-command.js';
import type { HubClient } from '../cli/hub-client.js';
import { connectionOptions, withCliClient } from '../cli/open-cli-client.js';
import { formatTable, printResult } from '../cli/print-result.js';
import { toCliJson } from '../cli/snake-case-keys.js';

const ref = { name: 'baseline', description: 'baseline name or id', required: true };
const path = (ctx: CliRunContext, suffix = '') => `/api/baselines/${encodeURIComponent(String(ctx.args[0]))}${suffix}`;
const json = (ctx: CliRunContext) => Boolean(ctx.options.json);

/** A baseline file as a document: YAML (JSON is YAML too). */
async function readDocument(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  // The YAML parser loads with the commands that read or print baselines, not with every command.
  const { parse: parseYaml } = await import('yaml');
  try {
    return parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new Error(`${file} is not valid YAML or JSON: ${error instanceof Error ? error.message.split('\n')[0] : 'parse error'}`);
  }
}

function selectorText(selector: Record<string, unknown>): string {
  if (selector.all) return 'all';
  if (Array.isArray(selector.organization_ids)) return `ids:${selector.organization_ids.length}`;
  if (Array.isArray(selector.tags)) return `tags:${selector.tags.join(',')}`;
  return `name:${String(selector.name_pattern)}`;
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function checkText(report: any): string {
  const rows = report.organizations.map((o: any) => ({
    organization: o.organization_name ?? o.organization_id,
    status: o.status,
    fields: o.drift.map((d: any) => d.field),
    error: o.error,
  }));
  const s = report.summary;
  return `${formatTable(rows, ['organization', 'status', 'fields', 'error'])}${s.organizations} organization(s): ${s.clean} clean, ${s.drifted} drifted, ${s.error} error; ${s.new_drift} newly drifted field(s)\n`;
}

async function exportText(client: HubClient, ctx: CliRunContext): Promise<number> {
  const format = ctx.options.format === 'json' ? 'json' : 'yaml';
  const res = await client.stream(path(ctx, `/export?format=${format}`));
  const text = await res.text();
  if (res.status >= 400) {
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return printResult(ctx.io, { status: res.status, body }, json(ctx), () => '');
  }
  ctx.io.out(text);
  return 0;
}

/** `duohub baselines list|show|create|import|export|check|drift|checks|apply|delete` (baselines by name or id). */
export const baselinesCommand = defineCommand({
  name: 'baselines',
  description: 'declare wanted Duo settings for organizations, check them for drift and apply them as a bulk run',
  subcommands: [
    {
      name: 'list',
      description: 'list baselines',
      options: connectionOptions,
      run: (ctx) =>
        withCliClient(ctx, async (client) => {
          const res = await client.request('GET', '/api/baselines');
          return printResult(ctx.io, res, json(ctx), (body) =>
            formatTable(
              body.items.map((b: any) => ({ ...b, selector: selectorText(b.selector), drift: `${b.drift.organizations} org(s), ${b.drift.fields} field(s)` })),
              ['id', 'name', 'selector', 'check_every', 'last_checked_at', 'drift'],
            ),
          );
        }),
    },
    {
      name: 'show',
      description: 'show a baseline',
      arguments: [ref],
      options: connectionOptions,
      run: (ctx) =>
        withCliClient(ctx, async (client) => {
          const [res, { stringify: stringifyYaml }] = await Promise.all([client.request('GET', path(ctx)), import('yaml')]);
          return printResult(ctx.io, res, json(ctx), (b) => stringifyYaml(b));
        }),
    },
    {
      name: 'create',
      description: 'create a baseline from a YAML or JSON file (name, description, selector, wanted, check_every)',
      options: [{ flags: '--file <file>', description: 'the baseline file' }, ...connectionOptions],
      run: async (ctx) => {
        if (typeof ctx.options.file !== 'string') {
          ctx.io.err('error: give the baseline file with --file\n');
          return 1;
        }
        const doc = await readDocument(ctx.options.file);
        return withCliClient(ctx, async (client) =>
          printResult(ctx.io, await client.request('POST', '/api/baselines', doc), json(ctx), (b) => `created ${b.id} (${b.name})\n`),
        );
      },
    },
    {
      name: 'import',
      description: 'import a baseline file; a baseline of the same name is replaced',
      arguments: [{ name: 'file', description: 'YAML or JSON file', required: true }],
      options: connectionOptions,
      run: async (ctx) => {
        const doc = await readDocument(String(ctx.args[0]));
        return withCliClient(ctx, async (client) => {
          const res = await client.request('POST', '/api/baselines/import', doc);
          return printResult(ctx.io, res, json(ctx), (b) => `${res.status === 201 ? 'created' : 'replaced'} ${b.id} (${b.name})\n`);
        });
      },
    },
    {
      name: 'export',
      description: 'print a baseline as a file (YAML by default)',
      arguments: [ref],
      options: [{ flags: '--format <format>', description: 'yaml or json', default: 'yaml' }, ...connectionOptions],
      run: (ctx) => withCliClient(ctx, (client) => exportText(client, ctx)),
    },
    {
      name: 'check',
      description: "check a baseline now: read each organization's account and report drift",
      arguments: [ref],
      options: connectionOptions,
      run: (ctx) =>
        withCliClient(ctx, async (client) => {
          const res = await client.request('POST', path(ctx, '/check'));
          const code = printResult(ctx.io, res, json(ctx), checkText);
          return code === 0 && (res.body as any).summary.error > 0 ? 2 : code;
        }),
    },
    {
      name: 'drift',
      description: 'show open drift: organization, field, wanted, actual, since when',
      arguments: [ref],
      options: connectionOptions,
      run: (ctx) =>
        withCliClient(ctx, async (client) =>
          printResult(ctx.io, await client.request('GET', path(ctx, '/drift')), json(ctx), (body) =>
            body.items.length === 0
              ? `no open drift${body.last_checked_at ? ` (last checked ${body.last_checked_at})` : ' (never checked)'}\n`
              : formatTable(
                  body.items.map((d: any) => ({ organization: d.organization_name ?? d.organization_id, field: d.field, wanted: show(d.wanted), actual: show(d.actual), since: d.since })),
                  ['organization', 'field', 'wanted', 'actual', 'since'],
                ),
          ),
        ),
    },
    {
      name: 'checks',
      description: 'check history, newest first',
      arguments: [ref],
      options: [{ flags: '--limit <n>', description: 'entries', default: '50' }, ...connectionOptions],
      run: (ctx) =>
        withCliClient(ctx, async (client) =>
          printResult(ctx.io, await client.request('GET', path(ctx, `/checks?limit=${encodeURIComponent(String(ctx.options.limit))}`)), json(ctx), (body) =>
            formatTable(
              body.items.map((c: any) => ({ ...c, organization: c.organization_name ?? c.organization_id, fields: c.drift.map((d: any) => d.field) })),
              ['checked_at', 'organization', 'status', 'fields', 'error'],
            ),
          ),
        ),
    },
    {
      name: 'apply',
      description: 'plan a bulk run that sets drifted fields back (run it with `duohub bulk run <id>`)',
      arguments: [ref],
      options: [
        { flags: '--require-approval', description: 'the run needs approval by another token before it runs' },
        { flags: '--no-recheck', description: 'plan from the drift of the last check instead of checking first' },
        ...connectionOptions,
      ],
      run: (ctx) =>
        withCliClient(ctx, async (client) => {
          const res = await client.request('POST', path(ctx, '/apply'), { requires_approval: ctx.options.requireApproval === true, recheck: ctx.options.recheck !== false });
          return printResult(ctx.io, res, json(ctx), (run) =>
            `planned bulk run ${run.id}: ${run.summary}\n${run.requires_approval ? `approve it, then run it: duohub bulk approve ${run.id}; duohub bulk run ${run.id}` : `run it: duohub bulk run ${run.id}`}\n`,
          );
        }),
    },
    {
      name: 'delete',
      description: 'delete a baseline with its history (asks first on a terminal; --yes otherwise)',
      arguments: [ref],
      options: [yesOption, ...connectionOptions],
      run: (ctx) =>
        withCliClient(ctx, async (client) => {
          const found = await client.request('GET', path(ctx));
          if (found.status >= 400) return printResult(ctx.io, found, json(ctx), () => '');
          const b = found.body as { id: string; name: string };
          if (!(await confirmDestructive(ctx, `Delete baseline "${b.name}" (${b.id})`))) return 1;
          const res = await client.request('DELETE', `/api/baselines/${encodeURIComponent(b.id)}`);
          if (res.status < 400 && json(ctx)) {
            ctx.io.out(toCliJson({ deleted: b.id, name: b.name }));
            return 0;
          }
          return printResult(ctx.io, res, json(ctx), () => `deleted ${b.id} (${b.name})\n`);
        }),
    },
  ],
});
