/** What `duohub bulk plan` was given, before organization names are resolved. */
export interface BulkPlanFlags {
  action: string;
  orgIds: string[];
  allOrgs: boolean;
  tags: string[];
  orgPattern?: string | undefined;
  users?: string | undefined;
  inactiveDays?: string | undefined;
  snapshot?: string | undefined;
  userNames: string[];
  csv?: string | undefined;
  inputJson?: string | undefined;
  set: string[];
  title?: string | undefined;
  requireApproval: boolean;
  dryRun: boolean;
}

/**
 * The `POST /api/bulk-runs` body of `duohub bulk plan` flags (pure), or the first problem with them.
 * `--set key=value` takes the value as JSON when it parses (numbers, true, lists) and as text otherwise.
 */
export function bulkPlanBody(flags: BulkPlanFlags): { body: Record<string, unknown> } | { error: string } {
  const organizations: Record<string, unknown> = {};
  if (flags.allOrgs) organizations.all = true;
  if (flags.orgIds.length) organizations.ids = flags.orgIds;
  if (flags.tags.length) organizations.tags = flags.tags;
  if (flags.orgPattern) organizations.name_pattern = flags.orgPattern;
  if (Object.keys(organizations).length === 0) return { error: 'choose organizations: --org, --all-orgs, --tag or --org-pattern' };
  let input: Record<string, unknown> = {};
  if (flags.inputJson !== undefined) {
    try {
      const parsed: unknown = JSON.parse(flags.inputJson);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { error: '--input-json must be a JSON object' };
      input = parsed as Record<string, unknown>;
    } catch {
      return { error: '--input-json is not valid JSON' };
    }
  }
  for (const pair of flags.set) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return { error: `--set ${pair}: expected key=value` };
    const raw = pair.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    input[pair.slice(0, eq).trim().replace(/-/g, '_')] = value;
  }
  const sources = [flags.users !== undefined, flags.userNames.length > 0, flags.csv !== undefined].filter(Boolean).length;
  if (sources > 1) return { error: 'choose users one way: --users, --user or --csv' };
  let users: Record<string, unknown> | undefined;
  if (flags.users !== undefined) {
    users = { query: flags.users.replace(/-/g, '_') };
    if (flags.inactiveDays !== undefined) {
      const days = Number(flags.inactiveDays);
      if (!Number.isInteger(days) || days < 1) return { error: '--inactive-days must be a whole number of days' };
      users.inactive_days = days;
    }
    if (flags.snapshot !== undefined) users.snapshot_id = flags.snapshot;
  } else if (flags.userNames.length > 0) users = { usernames: flags.userNames };
  else if (flags.csv !== undefined) users = { csv: flags.csv };
  if (!users && (flags.inactiveDays !== undefined || flags.snapshot !== undefined)) return { error: '--inactive-days and --snapshot go with --users' };
  return {
    body: {
      action_id: flags.action,
      ...(flags.title ? { title: flags.title } : {}),
      organizations,
      ...(users ? { users } : {}),
      ...(Object.keys(input).length ? { input } : {}),
      ...(flags.requireApproval ? { requires_approval: true } : {}),
      ...(flags.dryRun ? { dry_run: true } : {}),
    },
  };
}
