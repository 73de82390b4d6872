import type { UiHarness } from './ui-harness.js';

/** Placeholder: this flow is being written. */
export async function auditFlow(_h: UiHarness): Promise<void> {}
