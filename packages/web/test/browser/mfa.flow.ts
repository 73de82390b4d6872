import type { UiHarness } from './ui-harness.js';

/** Placeholder: this flow is being written. */
export async function mfaFlow(_h: UiHarness): Promise<void> {}
