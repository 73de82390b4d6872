import type { UiHarness } from './ui-harness.js';

/** Placeholder: this flow is being written. */
export async function coverageFlow(_h: UiHarness): Promise<void> {}
