import { requireScope, type Actor } from '../access/actor.js';
import { catalog, findAction } from '../actions/catalog.js';
import type { AnyAction } from '../actions/define-action.js';
import { redactActionInput } from '../actions/redact-action-input.js';
import { didYouMean, suggestSimilar } from '../cli/suggest-similar.js';
import type { FieldIssue } from '../errors/error-registry.js';
import { HubError, isHubError } from '../errors/hub-error.js';
import { zodIssuesToFieldIssues } from '../errors/zod-issues-to-field-issues.js';
import type { HubContext } from '../hub-context.js';
import { parseOrganizationTags } from '../organizations/organization-records.js';
import type { SnapshotRef } from '../reports/mfa-coverage-history/coverage-report.js';
import { runBounded } from '../reports/mfa-coverage/run-bounded.js';
import { fillUserInput, isPerUserAction, type PlanUser } from './action-user-fields.js';
import { MAX_PLAN_ITEMS, type BulkPlanRequest } from './bulk-plan-schemas.js';
import { DEFAULT_INACTIVE_DAYS, DUO_STATUS, filterPlanUsers } from './filter-plan-users.js';
import { matchPlanUsers, uniqueNames } from './match-plan-users.js';
import type { NewBulkPlan, PlannedItem } from './new-bulk-plan.js';
import { parseUserCsv } from './parse-user-csv.js';
import { readLiveUsers, readSnapshotUsers } from './read-plan-users.js';
import { listNames, selectBulkOrganizations, type PlanOrganization } from './select-bulk-organizations.js';

/** Organizations whose users are read at once while planning. */
const READ_CONCURRENCY = 4;

/** A plan built from a request, not yet saved: what `saveBulkPlan` takes, plus the notes and organization names views show. */
export interface BuiltBulkPlan {
  plan: NewBulkPlan;
  notes: string[];
  perUser: boolean;
  organizations: Array<{ id: string; name: string }>;
}

/**
 * Builds a plan from `POST /api/bulk-runs`: the organizations the selector names (within the
 * actor's limit; unmapped ones skipped), and for per-user actions the users of each organization
 * (from a coverage snapshot, read live, or matched by name), one item per user with the user's
 * fields filled in. Only reads: nothing is called on Duo but users.list. Everything a person should
 * know before approving (where users came from, who was not found, what was skipped) is in `notes`.
 */
export async function buildBulkPlan(hub: HubContext, actor: Actor, request: BulkPlanRequest): Promise<BuiltBulkPlan> {
  requireScope(actor, 'operate');
  const action = findAction(request.action_id);
  if (!action) {
    const hint = didYouMean(suggestSimilar(request.action_id, catalog.map((a) => a.id)));
    throw new HubError('validation_failed', { details: [{ in: 'body', field: 'action_id', message: `no action has the id ${request.action_id}.${hint}` }] });
  }
  if (action.api === 'accounts' && actor.organizationIds !== null) {
    throw new HubError('forbidden', {
      message: `This token is limited to organizations; ${action.id} uses the Accounts API, which reaches beyond one organization.`,
      details: { reason: 'organization_limited' },
    });
  }
  const perUser = isPerUserAction(action);
  if (perUser && !request.users) {
    throw new HubError('validation_failed', {
      details: [{ in: 'body', field: 'users', message: `${action.id} acts on one user per call: choose users (query, usernames or csv)` }],
    });
  }
  if (!perUser && request.users) {
    throw new HubError('validation_failed', { details: [{ in: 'body', field: 'users', message: `${action.id} does not act on users; leave users out` }] });
  }
  const template = request.input ?? {};
  const rows = await hub.store.db.selectFrom('organizations').select(['id', 'name', 'tags', 'integration_id', 'duo_account_id']).execute();
  const all: PlanOrganization[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    tags: parseOrganizationTags(r.tags),
    integrationId: r.integration_id,
    duoAccountId: r.duo_account_id,
  }));
  const selection = selectBulkOrganizations(all, request.organizations, actor.organizationIds);
  const notes = [...selection.notes];
  const items: PlannedItem[] = [];
  if (perUser) {
    await planUserItems(hub, action, request, template, selection.organizations, items, notes);
  } else {
    const parsed = action.input.safeParse(template);
    if (!parsed.success) {
      const details = zodIssuesToFieldIssues(parsed.error, 'body').map((d) => ({ ...d, field: d.field ? `input.${d.field}` : 'input' }));
      throw new HubError('validation_failed', { message: `Invalid input for ${action.id}.`, details });
    }
    for (const org of selection.organizations) items.push({ organizationId: org.id, actionId: action.id, target: org.name, targetId: null, input: { ...template } });
  }
  if (items.length > MAX_PLAN_ITEMS) {
    throw new HubError('validation_failed', {
      message: `The plan would make ${items.length} calls; at most ${MAX_PLAN_ITEMS}: narrow the organizations or users.`,
      details: [{ in: 'body', field: 'organizations', message: `${items.length} calls; at most ${MAX_PLAN_ITEMS}` }],
    });
  }
  const organizations = selection.organizations.map((o) => ({ id: o.id, name: o.name }));
  const { csv, ...rest } = request.users ?? {};
  const spec = {
    request: {
      action_id: request.action_id,
      organizations: request.organizations,
      ...(request.users ? { users: { ...rest, ...(csv !== undefined ? { csv_lines: csv.split(/\r?\n/).filter((l) => l.trim()).length } : {}) } } : {}),
      input: redactActionInput(template),
    },
    notes,
    per_user: perUser,
    organizations,
    skipped_organizations: selection.skipped.map((o) => ({ id: o.id, name: o.name })),
  };
  const title = request.title ?? defaultTitle(action, request, organizations.length);
  return {
    plan: { title, actionId: action.id, source: request.users?.query === 'without_mfa' ? 'coverage' : 'manual', requiresApproval: request.requires_approval ?? false, spec, items },
    notes,
    perUser,
    organizations,
  };
}

/** Items for a per-user action: each organization's users from the chosen source, in username order. */
async function planUserItems(
  hub: HubContext,
  action: AnyAction,
  request: BulkPlanRequest,
  template: Record<string, unknown>,
  organizations: readonly PlanOrganization[],
  items: PlannedItem[],
  notes: string[],
): Promise<void> {
  const users = request.users!;
  const names = users.usernames ? uniqueNames(users.usernames) : users.csv !== undefined ? uniqueNames(parseUserCsv(users.csv)) : null;
  if (names !== null && names.length === 0) {
    throw new HubError('validation_failed', { details: [{ in: 'body', field: users.csv !== undefined ? 'users.csv' : 'users.usernames', message: 'no usernames or emails in it' }] });
  }
  const readAt = hub.now().toISOString();
  const snapshots = new Map<string, SnapshotRef | null>();
  const usedSnapshots = new Map<string, SnapshotRef>();
  const found = new Set<string>();
  const invalid: Array<{ who: string; issues: FieldIssue[] }> = [];
  // Organizations are read a few at a time (each is its own Duo account and rate-limit domain);
  // results are merged in name order afterwards, so the plan does not depend on who answered first.
  const reads: Array<{ users: PlanUser[]; notes: string[] }> = organizations.map(() => ({ users: [], notes: [] }));
  await runBounded(organizations, READ_CONCURRENCY, async (org, index) => {
    const out = reads[index]!;
    try {
      if (users.query === 'without_mfa') {
        const got = await readSnapshotUsers(hub, org, users.snapshot_id, snapshots);
        if ('missing' in got) {
          out.notes.push(`${org.name}: no users planned: ${got.missing}.`);
          return;
        }
        usedSnapshots.set(got.snapshot.id, got.snapshot);
        out.users = got.users;
      } else {
        const live = await readLiveUsers(hub, org);
        if (names !== null) {
          const match = matchPlanUsers(live, names);
          for (const n of match.found) found.add(n.toLowerCase());
          for (const a of match.ambiguous) {
            found.add(a.name.toLowerCase());
            out.notes.push(`${org.name}: "${a.name}" matches ${a.count} users; none of them planned (name them by username).`);
          }
          out.users = match.users;
        } else {
          out.users = filterPlanUsers(live, users.query as Exclude<typeof users.query, 'without_mfa' | undefined>, { nowMs: hub.now().getTime(), inactiveDays: users.inactive_days });
        }
      }
    } catch (error) {
      if (isHubError(error) && error.code === 'validation_failed') throw error;
      const why = isHubError(error) ? `${error.code}: ${error.message}` : 'the hub could not read them';
      out.notes.push(`${org.name}: could not read its users (${why}); no calls planned for it.`);
    }
  });
  organizations.forEach((org, index) => {
    const read = reads[index]!;
    notes.push(...read.notes);
    const selected = names === null ? [...read.users].sort((a, b) => a.username.localeCompare(b.username)) : read.users;
    for (const user of selected) {
      const filled = fillUserInput(action, template, user);
      if ('issues' in filled) {
        invalid.push({ who: `${user.username} (${org.name})`, issues: filled.issues });
        continue;
      }
      items.push({ organizationId: org.id, actionId: action.id, target: user.username, targetId: user.user_id, input: filled.input });
    }
  });
  notes.unshift(sourceNote(users, usedSnapshots, readAt, names));
  if (names !== null) {
    const missing = names.filter((n) => !found.has(n.toLowerCase()));
    if (missing.length > 0) notes.push(`Not found in any selected organization (${missing.length}): ${listNames(missing, 50)}.`);
  }
  if (invalid.length > 0) {
    if (items.length === 0) {
      throw new HubError('validation_failed', { message: `Invalid input for ${action.id} for every selected user (first: ${invalid[0]!.who}).`, details: invalid[0]!.issues });
    }
    const why = invalid[0]!.issues.map((i) => `${i.field}: ${i.message}`).join('; ');
    notes.push(`Left out ${invalid.length} user${invalid.length === 1 ? '' : 's'} whose input would be invalid for ${action.id} (first: ${invalid[0]!.who}: ${why}): ${listNames(invalid.map((i) => i.who))}.`);
  }
}

/** Where the users came from, said plainly: a snapshot (not read live) or Duo now. */
function sourceNote(users: NonNullable<BulkPlanRequest['users']>, snapshots: Map<string, SnapshotRef>, readAt: string, names: string[] | null): string {
  if (users.query === 'without_mfa') {
    const list = [...snapshots.values()].map((s) => `${s.id} taken ${s.taken_at}`).join(', ');
    return list
      ? `Users without MFA come from MFA coverage snapshot ${list}, not read live: users who enrolled since are still listed.`
      : 'Users without MFA come from MFA coverage snapshots, but none was usable (see below).';
  }
  if (names !== null) {
    return `${names.length} username${names.length === 1 ? '' : 's'} or email${names.length === 1 ? '' : 's'} ${users.csv !== undefined ? 'from the CSV ' : ''}matched against users read live from Duo (users.list) at ${readAt}.`;
  }
  if (users.query === 'inactive') {
    return `Inactive users (no login in ${users.inactive_days ?? DEFAULT_INACTIVE_DAYS} days, or never) read live from Duo (users.list) at ${readAt}.`;
  }
  if (users.query === 'all') return `Every user read live from Duo (users.list) at ${readAt}.`;
  return `Users with status '${DUO_STATUS[users.query as keyof typeof DUO_STATUS]}' read live from Duo (users.list) at ${readAt}.`;
}

const QUERY_WORDS: Record<NonNullable<NonNullable<BulkPlanRequest['users']>['query']>, string> = {
  without_mfa: 'users without MFA',
  bypass: 'users in bypass',
  locked_out: 'locked-out users',
  disabled: 'disabled users',
  inactive: 'inactive users',
  all: 'all users',
};

function defaultTitle(action: AnyAction, request: BulkPlanRequest, orgCount: number): string {
  const u = request.users;
  const who = !u ? '' : u.query ? ` for ${QUERY_WORDS[u.query]}` : u.usernames ? ` for ${u.usernames.length} named users` : ' for users from a CSV';
  return `${action.id}${who} in ${orgCount} organization${orgCount === 1 ? '' : 's'}`;
}
