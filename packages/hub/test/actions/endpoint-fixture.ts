import { DuoAdminClient, type DuoClientOptions } from '@duohub/sdk';
import { createEmulator } from '@duohub/emulator';
import type { Account, AdminGrants, Integration } from '@duohub/emulator';
import { afterAll, beforeAll } from 'vitest';
import { recordAnswers, type RecordedAnswer } from '../../../emulator/test/helpers/record-answers.js';

type Emulator = ReturnType<typeof createEmulator>;

/** The two ways a family's endpoint suite reaches the emulator. */
export const ENDPOINT_MODES = ['in-process', 'over a port'] as const;
export type EndpointMode = (typeof ENDPOINT_MODES)[number];

/** One emulator (demo seed, no rate limits) for an endpoint suite, recording every answer it gives. */
export interface EndpointFixture {
  emu(): Emulator;
  /** Every answer the emulator's handlers gave the suite, to check against the OpenAPI description. */
  answers(): RecordedAnswer[];
  parent(): Account;
  /** The parent's Admin API integration. */
  adminIntegration(): Integration;
  /** How an SDK client reaches the emulator in this mode: its `fetch`, or the port's URL. */
  transport(): Pick<DuoClientOptions, 'fetch' | 'baseUrl'>;
  /** An Admin API client of the parent; `grants` first changes what its integration may do. */
  clientFor(grants?: Partial<AdminGrants>): DuoAdminClient;
}

/**
 * Registers the suite's hooks: before its tests, a new emulator, in process or listening on a port
 * of 127.0.0.1, then `ready` (to build the suite's clients); after them, the emulator closed.
 */
export function useEndpointFixture(mode: EndpointMode, ready?: (fixture: EndpointFixture) => void): EndpointFixture {
  let emu: Emulator;
  let answers: RecordedAnswer[];
  let url = '';
  let close = async () => {};
  const fixture: EndpointFixture = {
    emu: () => emu,
    answers: () => answers,
    parent: () => emu.state.accounts[emu.state.parent_account_id]!,
    adminIntegration: () => Object.values(fixture.parent().integrations).find((i) => i.type === 'admin')!,
    transport: () => (mode === 'in-process' ? { fetch: emu.fetch } : { baseUrl: url }),
    clientFor(grants) {
      const integration = fixture.adminIntegration();
      if (grants) integration.grants = { ...integration.grants!, ...grants };
      return new DuoAdminClient({
        host: fixture.parent().api_hostname,
        ikey: integration.integration_key,
        skey: integration.secret_key,
        retry: false,
        pacing: false,
        ...fixture.transport(),
      });
    },
  };
  beforeAll(async () => {
    emu = createEmulator({ seed: 'demo', rateLimits: false });
    const recorder = recordAnswers();
    emu.use(...recorder.routes);
    answers = recorder.answers;
    if (mode === 'over a port') {
      const server = await emu.listen({ port: 0, host: '127.0.0.1' });
      url = server.url;
      close = () => server.close();
    }
    ready?.(fixture);
  });
  afterAll(async () => {
    await close();
    await emu?.close();
  });
  return fixture;
}
