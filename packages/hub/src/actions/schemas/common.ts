import { z } from 'zod';

/** Most items one list action returns per run; more is walked with `offset`. */
export const MAX_LIST_LIMIT = 10_000;
/** Items a list action returns when the caller gives no limit. */
export const DEFAULT_LIST_LIMIT = 100;

/** Duo object id: 20 uppercase letters and digits (DU user, DP phone, DA account...). */
export const duoId = (what: string) =>
  z
    .string()
    .regex(/^[A-Z0-9]{20}$/, `must be a Duo ${what} id (20 uppercase letters and digits)`)
    .describe(`Duo ${what} id`);

/** `limit` and `offset` of every paged list action. */
export const pagingInput = {
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_LIST_LIMIT)
    .default(DEFAULT_LIST_LIMIT)
    .describe(`Most items to return (1-${MAX_LIST_LIMIT}); continue with next_offset`),
  offset: z.number().int().min(0).default(0).describe('Index of the first item (from a previous next_offset)'),
};

/** A page of items of the given schema, with Duo's paging metadata. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    next_offset: z.number().int().optional().describe('Pass as offset to read the next page; absent at the end'),
    total_objects: z.number().int().optional(),
  });
}

/** What a dry run of a destructive action reports: the resolved target and what would change. */
export const dryRunOutput = z.object({
  dry_run: z.literal(true),
  target: z.unknown().describe('The object the action would change, as Duo holds it now'),
  changes: z.string().describe('What a real run would do'),
  diff: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).optional(),
});

/** The output of a dry run, typed. */
export type DryRunOutput = z.input<typeof dryRunOutput>;

/** The output schema of a destructive action: its real result or a dry-run report. */
export function withDryRun<T extends z.ZodType>(real: T) {
  return z.union([dryRunOutput, real]);
}

/** Builds a dry-run report. */
export function dryRun(target: unknown, changes: string, diff?: DryRunOutput['diff']): DryRunOutput {
  return diff ? { dry_run: true, target, changes, diff } : { dry_run: true, target, changes };
}

/** Duo's user object; unknown fields pass through untouched. */
export const duoUser = z.looseObject({
  user_id: z.string(),
  username: z.string(),
  realname: z.string().nullish(),
  email: z.string().nullish(),
  status: z.string().nullish(),
});

/** Duo's phone object; unknown fields pass through untouched. */
export const duoPhone = z.looseObject({
  phone_id: z.string(),
  number: z.string().nullish(),
  name: z.string().nullish(),
  type: z.string().nullish(),
  platform: z.string().nullish(),
  activated: z.boolean().nullish(),
  capabilities: z.array(z.string()).nullish(),
});

/** Duo's bypass code metadata (never the code itself); unknown fields pass through untouched. */
export const duoBypassCodeMeta = z.looseObject({
  bypass_code_id: z.string(),
  admin_email: z.string().nullish(),
  created: z.number().nullish(),
  expiration: z.number().nullish(),
  reuse_count: z.number().nullish(),
  user: z.looseObject({ user_id: z.string().optional(), username: z.string().optional() }).nullish(),
});

/** A Duo child account as the Accounts API lists it. */
export const duoAccount = z.looseObject({
  account_id: z.string(),
  name: z.string(),
  api_hostname: z.string().optional(),
});

/** Duo's account settings object; every field passes through. */
export const duoSettings = z.looseObject({});

/** A raw Duo answer of a generic signed call, exactly as Duo sent it. */
export const rawAnswer = z.object({
  status: z.number().int(),
  response: z.unknown(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

/** Parameters of a generic call: strings, numbers, booleans or lists of them (repeated keys). */
export const rawParams = z
  .record(
    z.string().min(1),
    z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))]),
  )
  .default({})
  .describe('Parameters; Duo receives them in the query (GET/DELETE) or body (POST/PUT)');

/** Generic-call input for one API family, whose paths must start with `prefix`. */
export function rawCallInput(prefix: string) {
  return z.strictObject({
    method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).describe('HTTP method'),
    path: z
      .string()
      .regex(new RegExp(`^${prefix.replace(/\//g, '\\/')}[A-Za-z0-9_./-]*$`), `must start with ${prefix}`)
      .refine((p) => !p.includes('..'), 'must not contain ..')
      .describe(`Duo API path, starting with ${prefix}`),
    params: rawParams,
  });
}
