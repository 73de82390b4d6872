import type { z } from 'zod';
import type { ActionContext } from './action-context.js';

/** Which Duo API (and so which credential set of the integration) an action calls. */
export type ActionApi = 'admin' | 'accounts' | 'auth';

/** One Duo action, declared once; REST, CLI, UI and OpenAPI are all derived from it. */
export interface ActionDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** Dotted id, `<resource>.<verb>`, e.g. `users.list`. */
  id: string;
  title: string;
  description: string;
  api: ActionApi;
  /** Resource group, e.g. `users`; groups the catalog in the UI and CLI. */
  resource: string;
  /**
   * Ids of the Duo endpoint declarations the action calls, when they differ from its own id (an
   * action derived from one endpoint shares its id). The catalog's coverage of Duo is read from these.
   */
  endpoints?: readonly string[];
  /** Whether repeating the call leaves the same state (the SDK never retries the others). */
  idempotent: boolean;
  /** Only reads; a dry run simply runs it. */
  readOnly?: boolean;
  /** Deletes or overwrites state; `run` must honour `ctx.dryRun` by resolving the target only. */
  destructive?: boolean;
  input: I;
  output: O;
  run(ctx: ActionContext, input: z.output<I>): Promise<z.input<O>>;
  /**
   * How a bulk run settles a non-idempotent call whose answer never came (reset after sending,
   * timeout, 5xx, or a crash between recording the intent and the answer): read back whether the
   * call took effect. `applied`: the item is done; `not_applied`: it is called again; `unknown`:
   * it goes to review. Absent: such items always go to review (nothing to read back, e.g. an email sent).
   */
  reconcile?(ctx: ActionContext, input: z.output<I>): Promise<'applied' | 'not_applied' | 'unknown'>;
}

/** An action of any input/output types, as held in the catalog. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAction = ActionDefinition<any, any>;

/** Keeps an action declaration typed without registration code. */
export function defineAction<I extends z.ZodType, O extends z.ZodType>(
  action: ActionDefinition<I, O>,
): ActionDefinition<I, O> {
  if (!/^[a-z][a-z_]*\.[a-z][a-z_]*$/.test(action.id)) {
    throw new Error(`action id ${action.id} must be <resource>.<verb> in snake_case`);
  }
  return action;
}
