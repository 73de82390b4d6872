import type { EmulatorOptions } from '../route.js';

/** Which `auth_status` answers carry `auth_delayed` (the `authDelayed` emulator option). */
export type AuthDelayedMode = NonNullable<EmulatorOptions['authDelayed']>;

/**
 * An `auth_status` answer with `auth_delayed` where Duo sends it. The emulator never holds a push
 * back, so the value is always false; Duo's own example shows it on a `waiting` answer, and whether
 * final answers carry it too is not documented, hence the mode.
 */
export function withAuthDelayed<T extends { result: string }>(answer: T, mode: AuthDelayedMode): T & { auth_delayed?: boolean } {
  if (mode === 'never' || (mode === 'waiting' && answer.result !== 'waiting')) return answer;
  return { ...answer, auth_delayed: false };
}
