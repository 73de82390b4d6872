import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, startUiHarness, type UiHarness } from './browser/ui-harness.js';
import { integrationsFlow } from './browser/integrations.flow.js';
import { organizationsFlow } from './browser/organizations.flow.js';
import { actionsFlow } from './browser/actions.flow.js';
import { coverageFlow } from './browser/coverage.flow.js';
import { seatsFlow } from './browser/seats.flow.js';
import { bulkFlow } from './browser/bulk.flow.js';
import { mfaFlow } from './browser/mfa.flow.js';
import { auditFlow } from './browser/audit.flow.js';
import { tokensFlow } from './browser/tokens.flow.js';
import { alertsFlow } from './browser/alerts.flow.js';
import { layoutFlow } from './browser/layout.flow.js';
import { docsFlow } from './browser/docs.flow.js';
import { governanceFlow } from './browser/governance.flow.js';
import { logsFlow } from './browser/logs.flow.js';
import { rateLimitsFlow } from './browser/rate-limits.flow.js';

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) throw new Error(`${CHROMIUM} is missing; CI must run the browser test (scripts/setup-test.sh installs it)`);

/**
 * Each flow drives one page against a real hub and the emulator in one Chromium tab; flows set up what they
 * need through the API, so DUOHUB_UI_FLOWS=coverage,mfa runs just those.
 */
const FLOWS: ReadonlyArray<readonly [string, (h: UiHarness) => Promise<void>]> = [
  ['integrations', integrationsFlow],
  ['organizations', organizationsFlow],
  ['actions', actionsFlow],
  ['governance', governanceFlow],
  ['coverage', coverageFlow],
  ['rate-limits', rateLimitsFlow],
  ['seats', seatsFlow],
  ['bulk', bulkFlow],
  ['mfa', mfaFlow],
  ['audit', auditFlow],
  ['logs', logsFlow],
  ['tokens', tokensFlow],
  ['alerts', alertsFlow],
  ['layout', layoutFlow],
  ['docs', docsFlow],
];
const only = process.env.DUOHUB_UI_FLOWS?.split(',').map((s) => s.trim());

describe.skipIf(!haveChromium)('web UI in a real browser (skipped without /usr/bin/chromium)', () => {
  let h: UiHarness;
  beforeAll(async () => {
    h = await startUiHarness();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  for (const [name, flow] of FLOWS) {
    it.skipIf(only !== undefined && !only.includes(name))(
      name,
      async () => {
        h.cspViolations.length = 0;
        await flow(h);
        expect(h.cspViolations).toEqual([]);
      },
      60_000,
    );
  }
});
