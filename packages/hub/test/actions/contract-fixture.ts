import { createEmulator } from '@duohub/emulator';
import type { Account } from '@duohub/emulator';
import { createActionContext, type ActionContext } from '../../src/actions/action-context.js';
import { DuoAccountsClient, DuoAdminClient, DuoAuthClient, type DuoClientOptions } from '@duohub/sdk';
import type { DuoCaller } from '../../src/actions/duo-caller.js';
import { recordAnswers, type RecordedAnswer } from '../../../emulator/test/helpers/record-answers.js';

type Emulator = ReturnType<typeof createEmulator>;

/** One emulator (demo seed) and Duo clients for the parent, a child account and a broken key. */
export interface ContractFixture {
  emu: Emulator;
  parent: Account;
  child: Account;
  clients: { admin: DuoCaller; child: DuoCaller; accounts: DuoCaller; auth: DuoCaller; badAdmin: DuoCaller; badAccounts: DuoCaller; badAuth: DuoCaller; down: DuoCaller };
  url: string;
  /** Every answer the emulator's handlers gave during the suite, to check against the OpenAPI description. */
  answers: RecordedAnswer[];
  close(): Promise<void>;
}

/**
 * Starts the emulator and builds SDK clients against it: over a real port (default), or in process
 * (every client calls `emu.fetch`). `down` always points at a port nothing listens on.
 */
export async function startContractFixture(transport: 'port' | 'in-process' = 'port'): Promise<ContractFixture> {
  const emu = createEmulator({ seed: 'demo', rateLimits: false });
  const recorder = recordAnswers();
  emu.use(...recorder.routes);
  const server = transport === 'port' ? await emu.listen({ port: 0 }) : undefined;
  // A port nothing listens on: the emulator's, once a throwaway listener has closed.
  const spare = await createEmulator({ seed: 'empty' }).listen({ port: 0 });
  await spare.close();
  const creds = emu.credentials();
  const parentCreds = creds.accounts.find((a) => a.parent_id === null)!;
  const key = (type: string) => {
    const i = parentCreds.integrations.find((x) => x.type === type)!;
    return { host: i.api_hostname, ikey: i.integration_key, skey: i.secret_key };
  };
  const parent = emu.state.accounts[emu.state.parent_account_id]!;
  const child = Object.values(emu.state.accounts).find((a) => a.parent_id !== null && Object.keys(a.directories).length > 0)!;
  const bad = (type: string) => ({ ...key(type), skey: 'x'.repeat(40) });
  const opts = (k: { host: string; ikey: string; skey: string }, down = false): DuoClientOptions => ({
    ...k,
    ...(down ? { baseUrl: spare.url } : server ? { baseUrl: server.url } : { fetch: emu.fetch }),
    retry: false,
    pacing: false,
    timeoutMs: 10_000,
  });
  const accounts = new DuoAccountsClient(opts(key('accounts')));
  return {
    emu,
    parent,
    child,
    clients: {
      admin: new DuoAdminClient(opts(key('admin'))),
      child: accounts.child({ account_id: child.account_id, api_hostname: child.api_hostname }),
      accounts,
      auth: new DuoAuthClient(opts(key('auth'))),
      badAdmin: new DuoAdminClient(opts(bad('admin'))),
      badAccounts: new DuoAccountsClient(opts(bad('accounts'))),
      badAuth: new DuoAuthClient(opts(bad('auth'))),
      down: new DuoAuthClient(opts(key('auth'), true)),
    },
    url: server?.url ?? 'in-process',
    answers: recorder.answers,
    async close() {
      await server?.close();
    },
  };
}

/** An action context on the parent (or the child account, with its directory key). */
export function contextFor(
  fx: ContractFixture,
  opts: { dryRun?: boolean; on?: 'parent' | 'child'; keys?: 'bad' | 'down' } = {},
): ActionContext {
  const c = fx.clients;
  const child = opts.on === 'child';
  const pick = (good: DuoCaller, bad: DuoCaller) => (opts.keys === 'bad' ? bad : opts.keys === 'down' ? c.down : good) as never;
  return createActionContext({
    admin: pick(child ? c.child : c.admin, c.badAdmin),
    accounts: pick(c.accounts, c.badAccounts),
    auth: pick(c.auth, c.badAuth),
    integration: { id: 'int_test', name: 'emulator' },
    organization: child ? { id: 'org_child', name: fx.child.name, duoAccountId: fx.child.account_id } : undefined,
    directoryKey: child ? Object.keys(fx.child.directories)[0] : undefined,
    dryRun: opts.dryRun ?? false,
  });
}
