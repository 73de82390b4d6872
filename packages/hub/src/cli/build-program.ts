import { Command, CommanderError } from 'commander';
import type { CliCommandDefinition, CliIo } from './define-command.js';

/** Turns command declarations into a commander program; `result.code` holds the exit code after parsing. */
export function buildProgram(
  commands: readonly CliCommandDefinition[],
  io: CliIo,
  env: Record<string, string | undefined>,
  result: { code: number },
): Command {
  const program = new Command('duohub')
    .description('Cisco Duo for MSPs and IT teams: integrations, organizations, tokens, audit, and a local emulator')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  for (const definition of commands) program.addCommand(toCommand(definition, io, env, result));
  return program;
}

function toCommand(definition: CliCommandDefinition, io: CliIo, env: Record<string, string | undefined>, result: { code: number }): Command {
  const cmd = new Command(definition.name).description(definition.description).exitOverride();
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
  for (const sub of definition.subcommands ?? []) cmd.addCommand(toCommand(sub, io, env, result));
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
  }
  return cmd;
}
