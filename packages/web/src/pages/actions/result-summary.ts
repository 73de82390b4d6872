const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * One line about a result's rows: for users how many lack MFA (Duo's `is_enrolled`), for phones how
 * many are not activated, otherwise the row count; with Duo's total when this is one page of more.
 */
export function resultSummary(resource: string, rows: ReadonlyArray<Record<string, unknown>>, total?: number): string {
  let text: string;
  if (resource === 'users' && rows.some((r) => typeof r['is_enrolled'] === 'boolean')) {
    text = `${plural(rows.length, 'user')}, ${rows.filter((r) => r['is_enrolled'] === false).length} without MFA`;
  } else if (resource === 'phones' && rows.some((r) => typeof r['activated'] === 'boolean')) {
    text = `${plural(rows.length, 'phone')}, ${rows.filter((r) => r['activated'] === false).length} not activated`;
  } else text = plural(rows.length, 'row');
  if (total !== undefined && total > rows.length) text += ` (this page; Duo has ${total})`;
  return `${text}.`;
}
