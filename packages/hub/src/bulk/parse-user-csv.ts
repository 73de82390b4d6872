import { HubError } from '../errors/hub-error.js';

const USERNAME_HEADERS = ['username', 'user_name', 'user name', 'user'];
const EMAIL_HEADERS = ['email', 'e-mail', 'mail', 'email address'];

/**
 * The usernames or emails of a CSV (pure): with a header naming a username or email column, that
 * column (a row without a username falls back to its email); otherwise the first cell of each line.
 * Quoted cells, CRLF and a byte-order mark are handled; blank lines are ignored. Several columns
 * without such a header is `validation_failed` naming `users.csv`.
 */
export function parseUserCsv(text: string): string[] {
  const rows = csvRows(text.replace(/^\uFEFF/, '')).filter((r) => r.some((c) => c.trim() !== ''));
  if (rows.length === 0) return [];
  const header = rows[0]!.map((c) => c.trim().toLowerCase());
  const userCol = header.findIndex((h) => USERNAME_HEADERS.includes(h));
  const emailCol = header.findIndex((h) => EMAIL_HEADERS.includes(h));
  if (userCol === -1 && emailCol === -1) {
    if (rows.some((r) => r.filter((c) => c.trim() !== '').length > 1)) {
      throw new HubError('validation_failed', {
        details: [{ in: 'body', field: 'users.csv', message: 'several columns but no header naming a username or email column (or send one username or email per line)' }],
      });
    }
    return rows.map((r) => r[0]!.trim()).filter(Boolean);
  }
  return rows
    .slice(1)
    .map((r) => (userCol !== -1 && r[userCol]?.trim() ? r[userCol]!.trim() : emailCol !== -1 ? (r[emailCol] ?? '').trim() : ''))
    .filter(Boolean);
}

/** RFC 4180 rows: commas split cells, double quotes quote them ("" is a quote). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
