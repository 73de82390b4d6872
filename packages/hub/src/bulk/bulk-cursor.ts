import { HubError } from '../errors/hub-error.js';

/** The opaque cursor of a page of runs (after this run id) or items (after this seq). */
export function encodeBulkCursor(value: string | number): string {
  return `b1.${Buffer.from(String(value), 'utf8').toString('base64url')}`;
}

/** Reads a cursor made by `encodeBulkCursor`; `validation_failed` naming `cursor` for anything else. */
export function decodeBulkCursor(text: string, kind: 'run' | 'seq'): string | number {
  const bad = () => new HubError('validation_failed', { details: [{ in: 'query', field: 'cursor', message: 'not a cursor this list returned' }] });
  if (!text.startsWith('b1.') || !/^[A-Za-z0-9_-]+$/.test(text.slice(3))) throw bad();
  const value = Buffer.from(text.slice(3), 'base64url').toString('utf8');
  if (kind === 'seq') {
    if (!/^\d{1,9}$/.test(value)) throw bad();
    return Number(value);
  }
  if (!/^[A-Za-z0-9_]{1,100}$/.test(value)) throw bad();
  return value;
}
