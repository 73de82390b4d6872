import { readFile } from 'node:fs/promises';
import { confirmDestructive } from '../cli/confirm-destructive.js';
import { defineCommand, type CliCommandDefinition, type CliIo, type CliRunContext } from '../cli/define-command.js';
import { formatOutputTable } from '../cli/format-output-table.js';
import { connectionOptions, withCliClient } from '../cli/open-cli-client.js';
import { formatTable, printResult } from '../cli/print-result.js';
import { resolveIntegrationOrOnly, resolveRef } from '../cli/resolve-ref.js';
import { didYouMean, suggestSimilar } from '../cli/suggest-similar.js';
import type { ActionDescription } from './describe-action.js';
import { describeInputFlags, parseInputFlags, type FlagSchema } from './parse-input-flags.js';

/** Flags of `duohub run` itself; every other `--flag` is a field of the action's input. */
const RUN_FLAGS: Record<string, { key: string; value: boolean }> = {
  '--integration': { key: 'integration', value: true },
  '--org': { key: 'org', value: true },
  '--input': { key: 'input', value: true },
  '--url': { key: 'url', value: true },
  '--token': { key: 'token', value: true },
  '--profile': { key: 'profile', value: true },
  '--dry-run': { key: 'dryRun', value: false },
  '--yes': { key: 'yes', value: false },
  '-y': { key: 'yes', value: false },
  '--json': { key: 'json', value: false },
  '--help': { key: 'help', value: false },
};

const RUN_USAGE = `Usage: duohub actions run <id> [--integration <name|id>] [--org <name|id>] [--input file.json]
                          [--dry-run] [--yes] [--json] [--url <url> --token <token> | --profile <name>]
                          [--<field> <value> ...]
       (also: duohub run <id> ...)
Runs a catalog action on the local store, or on a running hub (--url, --profile, or the profile saved
by duohub login). --integration defaults to the only one. Fields come from the action's input schema
(see duohub actions show <id>); flags override --input's fields. A destructive action asks first on a
terminal and needs --yes otherwise, unless it is a --dry-run. Prints a table; --json prints everything.
`;

/** Splits `duohub run` arguments into its own options and the action's field flags. */
export function splitRunArgs(args: readonly string[]): { options: Record<string, string | boolean>; rest: string[]; errors: string[] } {
  const options: Record<string, string | boolean> = {};
  const rest: string[] = [];
  const errors: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const flag = RUN_FLAGS[name];
    if (!flag) {
      rest.push(arg);
      continue;
    }
    if (!flag.value) options[flag.key] = true;
    else if (eq !== -1) options[flag.key] = arg.slice(eq + 1);
    else if (args[i + 1] !== undefined) options[flag.key] = args[++i] ?? '';
    else errors.push(`${name} needs a value`);
  }
  return { options, rest, errors };
}

/**
 * The catalog and its schemas, loaded by the commands that use them: building every action's schema
 * is most of a CLI start, which `duohub orgs list` and `duohub report` need not pay.
 */
async function loadCatalog() {
  const [{ catalog, findAction }, { describeAction }] = await Promise.all([import('./catalog.js'), import('./describe-action.js')]);
  return { catalog, findAction, describeAction };
}

/** "unknown action X. Did you mean Y? (see duohub actions list)". */
function unknownAction(id: string, catalog: ReadonlyArray<{ id: string }>): string {
  return `unknown action ${id}.${didYouMean(suggestSimilar(id, catalog.map((a) => a.id)))} (see duohub actions list)`;
}

/** `duohub actions run <id> ...` (and `duohub run <id> ...`): one catalog action through the REST route. */
async function runAction(ctx: CliRunContext): Promise<number> {
  const [id, ...args] = (ctx.args[0] as string[] | undefined) ?? [];
  const split = splitRunArgs(args);
  const o = split.options;
  const { catalog, findAction, describeAction } = await loadCatalog();
  if (!id || id === '--help' || o['help']) {
    ctx.io.out(RUN_USAGE);
    const known = id ? findAction(id) : undefined;
    if (known) ctx.io.out(`\nFlags of ${id}:\n${describeInputFlags(describeAction(known).input as FlagSchema).join('\n')}\n`);
    return id ? 0 : 2;
  }
  const action = findAction(id);
  if (!action) return usage(ctx.io, unknownAction(id, catalog));
  if (split.errors.length) return usage(ctx.io, split.errors.join('\n'));
  const flags = parseInputFlags(describeAction(action).input as FlagSchema, split.rest);
  if (flags.errors.length) return usage(ctx.io, `${flags.errors.join('\n')}\n(see duohub actions show ${id})`);
  let input: Record<string, unknown> = {};
  if (typeof o['input'] === 'string') {
    try {
      const parsed: unknown = JSON.parse(await readFile(o['input'], 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
      input = parsed as Record<string, unknown>;
    } catch (error) {
      return usage(ctx.io, `--input ${o['input']}: ${(error as Error).message}`);
    }
  }
  const json = o['json'] === true;
  const dryRun = o['dryRun'] === true;
  const connection = Object.fromEntries(['url', 'token', 'profile'].filter((k) => typeof o[k] === 'string').map((k) => [k, o[k]]));
  const options = { ...ctx.options, ...connection };
  return withCliClient({ ...ctx, options }, async (client) => {
    const integrationId = await resolveIntegrationOrOnly(client, typeof o['integration'] === 'string' ? o['integration'] : undefined);
    const organizationId = typeof o['org'] === 'string' ? await resolveRef(client, 'organization', o['org']) : undefined;
    const fields = { ...input, ...flags.input };
    // Input the hub will refuse is sent without asking: its answer names the field, and nothing changes.
    if (action.destructive && !dryRun && action.input.safeParse(fields).success) {
      const on = typeof o['org'] === 'string' ? `organization "${o['org']}"` : "the integration's parent account";
      if (!(await confirmDestructive({ io: ctx.io, options: { yes: o['yes'] === true } }, `Run ${id} (${action.title}, destructive) on ${on}; try --dry-run first to see what would change`))) return 1;
    }
    const body = {
      integration_id: integrationId,
      ...(organizationId ? { organization_id: organizationId } : {}),
      input: fields,
      ...(dryRun ? { dry_run: true } : {}),
    };
    const res = await client.request('POST', `/api/actions/${encodeURIComponent(id)}/run`, body);
    return printResult(ctx.io, res, json, (result: { dry_run: boolean; output: unknown }) => formatRunResult(result));
  });
}

/** A run's result for a person: the dry run's summary first, then the output as a table or fields. */
export function formatRunResult(result: { dry_run: boolean; output: unknown }): string {
  const output = result.output as Record<string, unknown> | null;
  if (result.dry_run && output && typeof output === 'object' && typeof output['changes'] === 'string') {
    const { changes, dry_run: _d, ...rest } = output;
    return `DRY RUN: ${changes}\n${Object.keys(rest).length ? formatOutputTable(rest) : ''}`;
  }
  return formatOutputTable(result.output);
}

const runDefinition = {
  name: 'run',
  description: 'Run a catalog action: duohub actions run <id> [--integration X] [--org Y] --field value ... (--json for everything)',
  passThrough: true,
  run: runAction,
} as const;

const runCommand = defineCommand(runDefinition);

const actionsCommand = defineCommand({
  name: 'actions',
  description: 'The Duo action catalog',
  subcommands: [
    defineCommand({
      name: 'list',
      description: 'List every action: id, title, Duo API and safety flags',
      options: connectionOptions,
      run: (ctx) =>
        withCliClient(ctx, async (client) => {
          const res = await client.request('GET', '/api/actions');
          return printResult(ctx.io, res, ctx.options['json'] === true, (body: { items: ActionDescription[] }) =>
            formatTable(
              body.items.map((a) => ({
                id: a.id,
                title: a.title,
                api: a.api,
                flags: [a.read_only ? 'read-only' : '', a.destructive ? 'destructive' : '', a.idempotent ? '' : 'not-idempotent'].filter(Boolean),
              })),
              ['id', 'title', 'api', 'flags'],
            ),
          );
        }),
    }),
    defineCommand(runDefinition),
    defineCommand({
      name: 'show',
      description: "Show one action and the flags `duohub run` takes for it",
      arguments: [{ name: 'id', description: 'action id', required: true }],
      run: async (ctx) => {
        const { catalog, findAction, describeAction } = await loadCatalog();
        const action = findAction(String(ctx.args[0]));
        if (!action) {
          ctx.io.err(`error: ${unknownAction(String(ctx.args[0]), catalog)}\n`);
          return 1;
        }
        const d = describeAction(action);
        ctx.io.out(`${d.id}: ${d.title}\n${d.description}\n\nFlags:\n${describeInputFlags(d.input as FlagSchema).join('\n') || '  (none)'}\n`);
        return 0;
      },
    }),
  ],
});

function usage(io: CliIo, message: string): number {
  io.err(`error: ${message}\n`);
  return 2;
}

/** `duohub actions list|run|show` and `duohub run <id>`, derived from the catalog declarations. */
export const actionCommands: readonly CliCommandDefinition[] = [actionsCommand, runCommand];
