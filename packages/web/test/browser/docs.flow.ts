import { expect } from 'vitest';
import type { UiHarness } from './ui-harness.js';

/**
 * The API docs page served by the hub: Swagger UI renders the hub's operations with every request
 * outside the hub's origin aborted (as on a machine without internet), and without CSP violations.
 */
export async function docsFlow(h: UiHarness): Promise<void> {
  const origin = new URL(h.serverUrl).origin;
  const outside: string[] = [];
  const context = h.page.context();
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    outside.push(url);
    return route.abort();
  });
  try {
    await h.page.goto(`${h.serverUrl}/api/docs`);
    await h.page.locator('.opblock').first().waitFor({ timeout: 15_000 });
    expect(await h.page.locator('.opblock').count()).toBeGreaterThan(10);
    await expect.poll(() => h.page.getByText('/api/organizations', { exact: true }).first().isVisible(), { timeout: 15_000 }).toBe(true);
    expect(outside).toEqual([]);
    await h.shot('api-docs');
  } finally {
    await context.unroute('**/*');
  }
}
