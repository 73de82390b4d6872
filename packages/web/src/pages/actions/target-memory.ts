import { REMEMBERED_TARGET_KEY } from './target-choice.ts';

/** The last choice kept in this browser, or null (storage may be off). */
export function rememberedTarget(): string | null {
  try {
    return localStorage.getItem(REMEMBERED_TARGET_KEY);
  } catch {
    return null;
  }
}

/** Keeps a choice for the next visit (only the key: an integration or organization id, nothing secret). */
export function rememberTarget(key: string): void {
  try {
    if (key) localStorage.setItem(REMEMBERED_TARGET_KEY, key);
  } catch {
    // Storage can be disabled; the choice then lasts as long as the URL does.
  }
}
