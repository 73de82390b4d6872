import type { SealTarget } from '../crypto/seal-target.js';

/** A column holding sealed values: where it is, which columns identify its row, and a target builder. */
export interface SealedColumn<K extends readonly string[] = readonly string[]> {
  table: string;
  column: string;
  /** The row's primary-key columns, in order; their values are the sealed value's row id. */
  key: K;
  /** The seal/open target of one row, given its primary-key values in `key` order. */
  at(...rowKey: { [I in keyof K]: string }): SealTarget;
}

/** Declares a sealed column; list it in `sealedColumns` so start-up upgrades and rotation cover it. */
export function sealedColumn<const K extends readonly string[]>(table: string, column: string, key: K): SealedColumn<K> {
  return {
    table,
    column,
    key,
    at: (...rowKey) => ({ table, column, rowKey: [...(rowKey as readonly string[])] }),
  };
}
