/** Where a command writes: stdout for results (JSON with --json), stderr for human notes. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /**
   * Whether a person is at a terminal (stdin and stdout are both TTYs, as gh decides). Only then
   * does a command ask anything; piped or scripted runs never wait for an answer.
   */
  interactive?: boolean;
  /** Asks one question on the terminal (on stderr) and resolves to the answer; `secret` hides what is typed. */
  ask?(question: string, options?: { secret?: boolean }): Promise<string>;
  /** Reads stdin to its end (`duohub login --with-token < file`). */
  readStdin?(): Promise<string>;
}

/** What a command's `run` receives. */
export interface CliRunContext {
  /** Positional arguments, in declaration order (a variadic last argument is an array). */
  args: Array<string | string[] | undefined>;
  /** Parsed options (camelCased by commander), including inherited global options. */
  options: Record<string, unknown>;
  io: CliIo;
  env: Record<string, string | undefined>;
}

/** One option of a command, in commander's flag syntax (`--name <value>`, `--json`). */
export interface CliOptionDefinition {
  flags: string;
  description: string;
  default?: string | boolean;
}

/**
 * One CLI command, declared as data: name, arguments, options, and either subcommands or `run`.
 * `run` resolves to an exit code (0 when omitted).
 */
export interface CliCommandDefinition {
  name: string;
  description: string;
  arguments?: Array<{ name: string; description: string; required?: boolean; variadic?: boolean }>;
  options?: CliOptionDefinition[];
  subcommands?: CliCommandDefinition[];
  /** Pass unknown options and extra arguments through as `args` (for `duohub emulator`). */
  passThrough?: boolean;
  run?(ctx: CliRunContext): Promise<number | void>;
}

/** Keeps a command declaration typed without registration code. */
export function defineCommand(definition: CliCommandDefinition): CliCommandDefinition {
  return definition;
}
