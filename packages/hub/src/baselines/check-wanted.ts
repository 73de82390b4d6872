import { settingsUpdate } from '../actions/settings/settings-update.js';
import type { FieldIssue } from '../errors/error-registry.js';
import { zodIssuesToFieldIssues } from '../errors/zod-issues-to-field-issues.js';
import type { BaselineWanted } from './compare-baseline.js';

// Duo's section names are snake_case words; the SDK declares sections as objects of settings.
const SECTION = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * Problems with a baseline's wanted values (empty when fine), each naming its field under `prefix`:
 * an unknown setting, a wrong type or range, the account's own name (never the same across
 * accounts), a policy section name or an empty section, or nothing wanted at all.
 */
export function checkWanted(wanted: BaselineWanted, prefix = 'wanted', location = 'body'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  // The input of `settings.update` itself (the SDK's declaration, narrowed as the catalog does, with
  // its cross-field rules): a baseline can only want what its apply can set.
  const parsed = Object.keys(wanted.settings).length > 0 ? settingsUpdate.input.safeParse(wanted.settings) : undefined;
  if (parsed && !parsed.success) {
    for (const issue of zodIssuesToFieldIssues(parsed.error, location)) {
      // The action's "give at least one setting" cannot apply here: the settings are not empty.
      if (issue.field === '') continue;
      for (const f of issue.field.split(',')) issues.push({ ...issue, field: `${prefix}.settings.${f}`, message: /^unrecognized key/i.test(issue.message) ? 'is not a Duo setting (see POST /admin/v1/settings)' : issue.message });
    }
  }
  if (wanted.settings['name'] !== undefined) issues.push({ in: location, field: `${prefix}.settings.name`, message: "is each account's own name; a baseline cannot want one" });
  for (const [section, fields] of Object.entries(wanted.policies?.global ?? {})) {
    if (!SECTION.test(section)) issues.push({ in: location, field: `${prefix}.policies.global.${section}`, message: 'must be a policy section name (snake_case)' });
    else if (Object.keys(fields).length === 0) issues.push({ in: location, field: `${prefix}.policies.global.${section}`, message: 'give at least one setting of the section' });
  }
  const count = Object.keys(wanted.settings).length + Object.values(wanted.policies?.global ?? {}).reduce((n, f) => n + Object.keys(f).length, 0);
  if (count === 0) issues.push({ in: location, field: prefix, message: 'want at least one setting or policy setting' });
  return issues;
}
