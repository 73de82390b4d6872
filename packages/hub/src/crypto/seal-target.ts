/** Where a sealed value lives: its table, its column and its row's primary key (one or more parts). */
export interface SealTarget {
  table: string;
  column: string;
  rowKey: readonly string[];
}

/**
 * The additional data of a `v2` value. JSON of an array is unambiguous (no separator a row id could
 * contain), so a value copied to another table, column or row fails authentication.
 */
export function sealedAad(target: SealTarget): string {
  return JSON.stringify(['duohub.sealed.v2', target.table, target.column, ...target.rowKey]);
}

/** The additional data of a legacy `v1` value: only `table.column`, as the first release sealed them. */
export function legacyAad(target: SealTarget): string {
  return `${target.table}.${target.column}`;
}
