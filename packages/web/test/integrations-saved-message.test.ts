import { describe, expect, it } from 'vitest';
import { savedMessage, type SavedIntegration } from '../src/pages/integrations/saved-message.js';

const report = (ok: boolean) => ({ ok, checked_at: '2025-01-01T00:00:00Z', sets: [] });
const it_ = (ok: boolean | null) => ({ id: 'int_1', name: 'Parent', base_url: null, last_check: ok === null ? null : report(ok) });

describe('savedMessage', () => {
  it.each<[string, SavedIntegration, string]>([
    ['a checked create', { integration: it_(true), created: true, checked: true, forced: false }, 'Added "Parent": all checks passed.'],
    ['a forced create that failed', { integration: it_(false), created: true, checked: true, forced: true }, 'Added "Parent": stored without passing every check.'],
    ['a forced save that passed after all', { integration: it_(true), created: false, checked: true, forced: true }, 'Saved "Parent": the changed credentials passed their checks.'],
    ['an edit of credentials', { integration: it_(false), created: false, checked: true, forced: false }, 'Saved "Parent": the changed credentials passed their checks.'],
    ['a rename', { integration: it_(null), created: false, checked: false, forced: false }, 'Saved "Parent": no credentials changed, so nothing was re-checked.'],
  ])('%s', (_n, saved, want) => expect(savedMessage(saved)).toBe(want));
});
