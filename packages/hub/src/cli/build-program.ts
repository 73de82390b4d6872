import { Command, CommanderError } from 'commander';
import { DUOHUB_VERSION } from './cli-version.js';
import type { CliCommandDefinition, CliIo } from './define-command.js';
import { didYouMean, suggestSimilar } from './suggest-similar.js';

/** Turns command declarations into a commander program; `result.code` holds the exit code after parsing. */
export function buildProgram(
  commands: readonly CliCommandDefinition[],
  io: CliIo,
  env: Record<string, string | undefined>,
  result: { code: number },
): Command {
  const program = new Command('duohub')
    .description('Cisco Duo for MSPs and IT teams: integrations, organizations, tokens, audit, and a local emulator')
    .version(DUOHUB_VERSION, '-V, --version', 'print the version')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  for (const definition of commands) program.addCommand(toCommand(definition, io, env, result));
  onGroup(program, 'duohub', io, result);
  return program;
}

/**
 * A command with subcommands and no `run` of its own: alone it prints its help to stdout and exits 0
 * (`duohub`, `duohub orgs`), as gh does; followed by an unknown word it names the closest subcommands.
 */
function onGroup(cmd: Command, path: string, io: CliIo, result: { code: number }): void {
  cmd.allowExcessArguments().action(() => {
    const [first] = cmd.args;
    if (first === undefined) {
      io.out(cmd.helpInformation());
      result.code = 0;
      return;
    }
    const names = cmd.commands.flatMap((c) => [c.name(), ...c.aliases()]);
    io.err(`error: unknown command '${first}' for '${path}'.${didYouMean(suggestSimilar(first, names))}\nRun '${path} --help' to see its commands.\n`);
    result.code = 1;
  });
}

function toCommand(
  definition: CliCommandDefinition,
  io: CliIo,
  env: Record<string, string | undefined>,
  result: { code: number },
  parentPath = 'duohub',
): Command {
  const path = `${parentPath} ${definition.name}`;
  // Positional options let a passThrough subcommand (`duohub actions run`) see every flag after its name.
  const cmd = new Command(definition.name).description(definition.description).exitOverride().enablePositionalOptions();
  cmd.configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  if (definition.passThrough) {
    cmd.helpOption(false).allowUnknownOption().allowExcessArguments().passThroughOptions().argument('[args...]');
  }
  for (const arg of definition.arguments ?? []) {
    const name = `${arg.name}${arg.variadic ? '...' : ''}`;
    cmd.argument(arg.required ? `<${name}>` : `[${name}]`, arg.description);
  }
  for (const option of definition.options ?? []) {
    if (option.default !== undefined) cmd.option(option.flags, option.description, option.default);
    else cmd.option(option.flags, option.description);
  }
  for (const sub of definition.subcommands ?? []) cmd.addCommand(toCommand(sub, io, env, result, path));
  if (definition.run) {
    const run = definition.run;
    cmd.action(async (...params: unknown[]) => {
      const command = params[params.length - 1] as Command;
      const args = params.slice(0, -2) as Array<string | string[] | undefined>;
      try {
        result.code = (await run({ args, options: command.optsWithGlobals(), io, env })) ?? 0;
      } catch (error) {
        if (error instanceof CommanderError) throw error;
        io.err(`error: ${error instanceof Error ? error.message : String(error)}\n`);
        result.code = 1;
      }
    });
  } else if (definition.subcommands?.length) {
    onGroup(cmd, path, io, result);
  }
  return cmd;
}
