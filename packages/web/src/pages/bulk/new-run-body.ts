import { splitList } from '../../ui/form-input.js';
import type { BulkRunRequest, BulkUserQuery } from './bulk-types.ts';

/** How the organizations of a new run are chosen. */
export type OrganizationMode = 'all' | 'pick' | 'tags' | 'pattern';

/** How the users of a new run are chosen: none (one call per organization), a query, or a pasted list. */
export type UserMode = 'none' | 'query' | 'list';

/** What the "New run" form holds, before it becomes a request. */
export interface NewRunForm {
  actionId: string;
  title: string;
  organizationMode: OrganizationMode;
  organizationIds: readonly string[];
  tags: string;
  namePattern: string;
  userMode: UserMode;
  userQuery: BulkUserQuery;
  inactiveDays: string;
  usernames: string;
  requiresApproval: boolean;
}

/** The form's own messages, keyed by control: `action`, `organizations`, `tags`, `name_pattern`, `inactive_days`, `usernames`. */
export type NewRunIssues = Record<string, string>;

/** A fresh form: every organization, no users, approval required (a second person looks before anything runs). */
export const EMPTY_NEW_RUN: NewRunForm = {
  actionId: '',
  title: '',
  organizationMode: 'all',
  organizationIds: [],
  tags: '',
  namePattern: '',
  userMode: 'none',
  userQuery: 'without_mfa',
  inactiveDays: '90',
  usernames: '',
  requiresApproval: true,
};

/** Input fields a per-user run fills from each user (so the form does not ask for them). */
export const PER_USER_FIELDS: readonly string[] = ['user_id', 'username', 'email'];

/**
 * The `POST /api/bulk-runs` body of a filled form and the action's input (already read from its
 * fields), or the messages that stop it. Tags are lower-cased as the hub stores them; pasted
 * usernames are split on lines, commas or spaces and deduplicated (case-insensitively, first spelling kept).
 */
export function newRunBody(form: NewRunForm, input: Record<string, unknown>): { body: BulkRunRequest | null; issues: NewRunIssues } {
  const issues: NewRunIssues = {};
  if (!form.actionId) issues.action = 'Choose the action to run.';

  let organizations: BulkRunRequest['organizations'] = { all: true };
  if (form.organizationMode === 'pick') {
    if (form.organizationIds.length === 0) issues.organizations = 'Pick at least one organization.';
    organizations = { ids: [...form.organizationIds] };
  } else if (form.organizationMode === 'tags') {
    const tags = [...new Set(splitList(form.tags.replace(/\s+/g, ',')).map((t) => t.toLowerCase()))];
    if (tags.length === 0) issues.tags = 'Give at least one tag.';
    organizations = { tags };
  } else if (form.organizationMode === 'pattern') {
    const pattern = form.namePattern.trim();
    if (!pattern) issues.name_pattern = 'Give a name pattern, e.g. Acme* or *clinic*.';
    organizations = { name_pattern: pattern };
  }

  let users: BulkRunRequest['users'];
  if (form.userMode === 'query') {
    users = { query: form.userQuery };
    if (form.userQuery === 'inactive') {
      const days = form.inactiveDays.trim();
      if (!/^\d+$/.test(days) || Number(days) < 1) issues.inactive_days = 'Give a whole number of days, 1 or more.';
      else users.inactive_days = Number(days);
    }
  } else if (form.userMode === 'list') {
    const names = uniqueNames(form.usernames.split(/[\s,;]+/));
    if (names.length === 0) issues.usernames = 'Paste at least one username or email.';
    users = { usernames: names };
  }

  if (Object.keys(issues).length > 0) return { body: null, issues };
  const body: BulkRunRequest = { action_id: form.actionId, organizations, requires_approval: form.requiresApproval };
  if (form.title.trim()) body.title = form.title.trim();
  if (users) body.users = users;
  if (Object.keys(input).length > 0) body.input = input;
  return { body, issues };
}

/** Names without blanks and repeats (compared case-insensitively, as Duo compares usernames), in first-seen order. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}
