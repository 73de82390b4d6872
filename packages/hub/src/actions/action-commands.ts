import { readFile } from 'node:fs/promises';
import { defineCommand, type CliCommandDefinition, type CliIo } from '../cli/define-command.js';
import { connectionOptions, withCliClient } from '../cli/open-cli-client.js';
import { formatTable, printResult } from '../cli/print-result.js';
import { findAction } from './catalog.js';
import { describeAction, type ActionDescription } from './describe-action.js';
import { describeInputFlags, parseInputFlags, type FlagSchema } from './parse-input-flags.js';

/** Flags of `duohub run` itself; every other `--flag` is a field of the action's input. */
const RUN_FLAGS: Record<string, { key: string; value: boolean }> = {
  '--integration': { key: 'integration', value: true },
  '--org': { key: 'org', value: true },
  '--input': { key: 'input', value: true },
  '--url': { key: 'url', value: true },
  '--token': { key: 'token', value: true },
  '--dry-run': { key: 'dryRun', value: false },
  '--json': { key: 'json', value: false },
  '--help': { key: 'help', value: false },
};

const RUN_USAGE = `Usage: duohub run <id> --integration <id> [--org <id>] [--input file.json] [--dry-run] [--json]
                  [--url <url> --token <token>] [--<field> <value> ...]
Runs a catalog action on the local store, or on a running hub with --url. Fields come from the
action's input schema (see duohub actions show <id>); flags override --input's fields.
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
                flags: [a.readOnly ? 'read-only' : '', a.destructive ? 'destructive' : '', a.idempotent ? '' : 'not-idempotent'].filter(Boolean),
              })),
              ['id', 'title', 'api', 'flags'],
            ),
          );
        }),
    }),
    defineCommand({
      name: 'show',
      description: "Show one action and the flags `duohub run` takes for it",
      arguments: [{ name: 'id', description: 'action id', required: true }],
      run: async (ctx) => {
        const action = findAction(String(ctx.args[0]));
        if (!action) {
          ctx.io.err(`error: unknown action ${String(ctx.args[0])} (see duohub actions list)\n`);
          return 1;
        }
        const d = describeAction(action);
        ctx.io.out(`${d.id}: ${d.title}\n${d.description}\n\nFlags:\n${describeInputFlags(d.input as FlagSchema).join('\n') || '  (none)'}\n`);
        return 0;
      },
    }),
  ],
});

const runCommand = defineCommand({
  name: 'run',
  description: 'Run a catalog action: duohub run <id> --integration X [--org Y] --field value ...',
  passThrough: true,
  run: async (ctx) => {
    const [id, ...args] = (ctx.args[0] as string[] | undefined) ?? [];
    const split = splitRunArgs(args);
    const o = split.options;
    if (!id || id === '--help' || o['help']) {
      ctx.io.out(RUN_USAGE);
      const known = id ? findAction(id) : undefined;
      if (known) ctx.io.out(`\nFlags of ${id}:\n${describeInputFlags(describeAction(known).input as FlagSchema).join('\n')}\n`);
      return id ? 0 : 2;
    }
    const action = findAction(id);
    if (!action) return usage(ctx.io, `unknown action ${id} (see duohub actions list)`);
    if (split.errors.length) return usage(ctx.io, split.errors.join('\n'));
    if (typeof o['integration'] !== 'string') return usage(ctx.io, 'missing --integration <id>');
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
    const body = {
      integrationId: o['integration'],
      ...(typeof o['org'] === 'string' ? { organizationId: o['org'] } : {}),
      input: { ...input, ...flags.input },
      ...(o['dryRun'] ? { dryRun: true } : {}),
    };
    const json = o['json'] === true;
    const options = { ...ctx.options, ...(o['url'] ? { url: o['url'] } : {}), ...(o['token'] ? { token: o['token'] } : {}) };
    return withCliClient({ ...ctx, options }, async (client) => {
      const res = await client.request('POST', `/api/actions/${encodeURIComponent(id)}/run`, body);
      return printResult(ctx.io, res, json, (result: { dryRun: boolean; output: { changes?: string } }) =>
        `${result.dryRun && result.output?.changes ? `DRY RUN: ${result.output.changes}\n` : ''}${JSON.stringify(result.output, null, 2)}\n`,
      );
    });
  },
});

function usage(io: CliIo, message: string): number {
  io.err(`error: ${message}\n`);
  return 2;
}

/** `duohub actions list|show` and `duohub run <id>`, derived from the catalog declarations. */
export const actionCommands: readonly CliCommandDefinition[] = [actionsCommand, runCommand];
