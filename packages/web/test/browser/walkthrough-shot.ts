import path from 'node:path';
import type { Locator } from 'playwright-core';
import { outDir } from './ui-harness.js';

/**
 * Saves one part of the page (not the whole page: the README's pictures stay small) as
 * test-output/walkthrough-<name>.png; `packages/web/docs/walkthrough/` holds a copy for the README.
 */
export async function walkthroughShot(locator: Locator, name: string): Promise<void> {
  await locator.screenshot({ path: path.join(outDir, `walkthrough-${name}.png`), animations: 'disabled' });
}
