import type { CliOptionDefinition, CliRunContext } from './define-command.js';

/** The `--yes` option every destructive command takes. */
export const yesOption: CliOptionDefinition = { flags: '-y, --yes', description: 'do not ask for confirmation (required when not on a terminal)' };

/**
 * Whether a destructive command may go ahead, decided as gh does: `--yes` skips the question; on a
 * terminal the person is asked (`what` says what will happen, e.g. `Delete organization "ACME" (org_...)`)
 * and only y/yes proceeds; without a terminal nothing is asked and the command is refused, naming
 * `--yes`, so a script never deletes by accident nor hangs waiting for an answer.
 */
export async function confirmDestructive(ctx: Pick<CliRunContext, 'io' | 'options'>, what: string): Promise<boolean> {
  if (ctx.options.yes === true) return true;
  const { io } = ctx;
  if (!io.interactive || !io.ask) {
    io.err(`error: ${what}: refusing without --yes when not running interactively (pass --yes to confirm)\n`);
    return false;
  }
  let answer: string;
  try {
    answer = await io.ask(`? ${what}? (y/N) `);
  } catch {
    answer = '';
  }
  if (/^\s*y(es)?\s*$/i.test(answer)) return true;
  io.err('cancelled; nothing was changed\n');
  return false;
}
