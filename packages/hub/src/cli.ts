import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CommanderError } from 'commander';
import { buildProgram } from './cli/build-program.js';
import { cliCommands } from './cli/cli-commands.js';
import type { CliCommandDefinition, CliIo } from './cli/define-command.js';
import { processIo } from './cli/terminal-io.js';

/** Options of `runCli`; tests pass their own io and env. */
export interface RunCliOptions {
  commands?: readonly CliCommandDefinition[];
  io?: CliIo;
  env?: Record<string, string | undefined>;
}

/** Runs `duohub` with a full argv (`node`, script, ...args) and resolves to the exit code. */
export async function runCli(argv: readonly string[], options: RunCliOptions = {}): Promise<number> {
  const io = options.io ?? processIo();
  const result = { code: 0 };
  const program = buildProgram(options.commands ?? cliCommands, io, options.env ?? process.env, result);
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors have already been printed.
      return error.exitCode;
    }
    throw error;
  }
  return result.code;
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const code = await runCli(process.argv);
  process.exitCode = code;
}
