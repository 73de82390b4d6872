import type { CliIo } from './define-command.js';
import type { HubResponse } from './hub-client.js';
import { toCliJson } from './snake-case-keys.js';

/**
 * Prints an API answer: JSON with `--json` (snake_case keys, see `toCliJson`), else `human(body)`;
 * an error answer prints its code, message and details to stderr. Returns the exit code (0 ok, 1 error).
 */
export function printResult(io: CliIo, res: HubResponse, json: boolean, human: (body: any) => string): number {
  if (res.status >= 400) {
    const error = (res.body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    if (json) {
      io.out(toCliJson(res.body));
      return 1;
    }
    io.err(`error: ${error?.code ?? res.status}: ${error?.message ?? 'request failed'}\n`);
    const details = error?.details;
    if (Array.isArray(details)) {
      for (const d of details) io.err(`  ${d.field || '(body)'}: ${d.message}\n`);
    } else if (details && typeof details === 'object' && Array.isArray((details as { sets?: unknown }).sets)) {
      for (const s of (details as { sets: Array<{ kind: string; status: string; message: string }> }).sets) {
        io.err(`  ${s.kind}: ${s.status}: ${s.message}\n`);
      }
    } else if (details !== undefined) {
      io.err(`  ${JSON.stringify(details)}\n`);
    }
    return 1;
  }
  io.out(json ? toCliJson(res.body) : human(res.body));
  return 0;
}

/** A plain aligned table. */
export function formatTable(rows: Array<Record<string, unknown>>, columns: string[]): string {
  if (rows.length === 0) return '(none)\n';
  const cells = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(columns), ...cells.map(line)].join('\n') + '\n';
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (Array.isArray(value)) return value.join(',') || '-';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
