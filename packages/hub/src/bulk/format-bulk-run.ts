import { compactCell } from '../cli/format-output-table.js';
import { formatTable } from '../cli/print-result.js';
import type { BulkItemView, BulkRunView } from './bulk-plan-schemas.js';

/** Item rows shown before a dry run's table is cut (the rest are in --json). */
export const DRAFT_ROWS_SHOWN = 50;

/**
 * A run for a person (pure): the summary, its state, the counts by organization as a table, the
 * notes, and for a dry run its first items; then what to type next.
 */
export function formatBulkRun(view: BulkRunView & { items?: BulkItemView[] }): string {
  const lines: string[] = [];
  lines.push(`${view.id ? `${view.id}  ` : 'dry run (not saved)  '}${view.title}`);
  lines.push(`  ${view.summary}`);
  lines.push(`  status: ${view.status}${view.requires_approval ? `; approval: ${view.approved ? `approved by ${view.approved_by} at ${view.approved_at}` : 'required, not yet given'}` : ''}`);
  lines.push(`  plan_hash: ${view.plan_hash}`);
  let out = lines.join('\n') + '\n\n';
  out += formatTable(
    view.plan.by_organization.map((o) => ({ ...o, organization: o.name })),
    ['organization', 'items', 'done', 'skipped', 'failed', 'review', 'cancelled', 'status'],
  );
  if (view.plan.by_organization.length > 1) {
    const c = view.counts;
    out += `total: ${c.total} items (${c.pending} pending, ${c.calling} calling, ${c.done} done, ${c.skipped} skipped, ${c.failed} failed, ${c.review} review, ${c.cancelled} cancelled)\n`;
  }
  if (view.notes.length) out += `\nnotes:\n${view.notes.map((n) => `  - ${n}\n`).join('')}`;
  if (view.items) {
    out += `\ncalls it would make${view.items.length > DRAFT_ROWS_SHOWN ? ` (first ${DRAFT_ROWS_SHOWN} of ${view.items.length}; --json for all)` : ''}:\n`;
    out += formatBulkItems(view.items.slice(0, DRAFT_ROWS_SHOWN));
  }
  return out + nextStep(view);
}

/** Items as a table (pure): inputs redacted and shortened. */
export function formatBulkItems(items: readonly BulkItemView[]): string {
  return formatTable(
    items.map((i) => ({
      ...i,
      organization: i.organization_name,
      input: compactCell(i.input, 60),
      result: i.outcome ? compactCell(i.outcome.summary ?? i.outcome.message ?? i.outcome.code ?? '', 60) : '-',
    })),
    ['seq', 'organization', 'action_id', 'target', 'status', 'attempts', 'input', 'result'],
  );
}

/** What to type next for a run in this state. */
function nextStep(view: BulkRunView): string {
  if (!view.id) return '\nnothing saved; plan again without --dry-run to save it\n';
  if (view.status !== 'planned') return `\nprogress: duohub bulk status ${view.id}\n`;
  if (view.requires_approval && !view.approved) {
    return `\nnext: another person approves with \`duohub bulk approve ${view.id}\` (a token with the approve scope), then \`duohub bulk run ${view.id}\`\n`;
  }
  return `\nnext: duohub bulk run ${view.id}   (or discard it: duohub bulk discard ${view.id})\n`;
}
